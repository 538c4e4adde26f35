"""Drive the real Bolt app over HTTP with correctly signed Slack requests, against a fake Slack Web API.

Modelled on bolt-python's scenario tests; the request building lives in bot.devtools.slack_client
so the benchmarks send exactly the same requests.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import Any

from bot.adapters.slack.runner import SlackRuntime, make_http_server, prepare
from bot.app import Lotsen
from bot.config import SlackSettings
from bot.devtools.fake_slack import FakeSlack
from bot.devtools.slack_client import Response, SignedSlackClient, select

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"

__all__ = ["Response", "SlackHarness", "select"]


def _serve(server: Any) -> None:
    # stop() closes the socket under the select loop; the OSError that follows is how it ends.
    with contextlib.suppress(OSError):
        server.run()


@dataclass
class SlackHarness(SignedSlackClient):
    lotsen: Lotsen | None = None
    fake: FakeSlack | None = None
    runtime: SlackRuntime | None = None
    server: Any = None

    @classmethod
    def start(cls, lotsen: Lotsen, *, tick_seconds: float = 0.1) -> SlackHarness:
        fake = FakeSlack().start()
        settings = SlackSettings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
                                 slack_api_url=fake.url, slack_app_token="")
        runtime = prepare(lotsen, settings, http=True, tick_seconds=tick_seconds)
        server = make_http_server(runtime, "127.0.0.1", 0)
        threading.Thread(target=_serve, args=(server,), daemon=True).start()
        return cls(base=f"http://127.0.0.1:{server.effective_port}", secret=SIGNING_SECRET,
                   response_url_base=f"{fake.url}response/", lotsen=lotsen, fake=fake, runtime=runtime,
                   server=server)

    def stop(self) -> None:
        self.server.close()
        assert self.runtime is not None and self.fake is not None
        self.runtime.stop()
        self.fake.stop()
