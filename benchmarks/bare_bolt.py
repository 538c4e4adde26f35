"""A bare Bolt app with one no-op command, served exactly like Lotsen's HTTP mode (waitress, WSGI adapter).

The baseline for benchmarks/slack_ack.py: `python benchmarks/bare_bolt.py PORT SLACK_API_URL SECRET`.
"""

from __future__ import annotations

import sys
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from waitress import serve


def main() -> None:
    port, api_url, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = App(client=WebClient(token="xoxb-bare", base_url=api_url), signing_secret=secret,
              token_verification_enabled=False)

    @app.command("/noop")
    def noop(ack: Any) -> None:
        ack()

    @app.view("noop")
    def noop_view(ack: Any) -> None:
        ack()

    handler = SlackRequestHandler(app)

    def application(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok"]
        return handler(environ, start_response)

    serve(application, host="127.0.0.1", port=port, threads=8, ident="bare")


if __name__ == "__main__":
    main()
