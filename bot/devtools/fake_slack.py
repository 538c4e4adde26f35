"""A local fake of the Slack Web API for tests and demos: records every call, answers like Slack.

Point the bot at it with SLACK_API_URL=http://127.0.0.1:PORT/api/. It speaks Slack's wire format
(form-encoded or JSON bodies, `{"ok": …}` answers, `invalid_auth` for a bad token) and keeps the calls
so tests can assert what the bot sent. `python -m bot.devtools.fake_slack` runs one standalone.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO

VALID_TOKEN_PREFIX = "xoxb-"
BAD_TOKEN = "xoxb-invalid"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass
class FakeSlack:
    host: str = "127.0.0.1"
    port: int = 0
    emails: dict[str, str] = field(default_factory=dict)  # user id → e-mail for users.info
    calls: list[Call] = field(default_factory=list)
    fail_methods: dict[str, str] = field(default_factory=dict)  # method → error to answer with
    socket_mode_url: str | None = None  # what apps.connections.open hands out (a local ws:// server)
    log: TextIO | None = None  # when set (the standalone fake), one line per call
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _seq: int = 0

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://{self.host}:{self._server.server_address[1]}/api/"

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                ctype = self.headers.get("Content-Type", "")
                params: dict[str, Any]
                if "json" in ctype:
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                    for key in ("blocks", "view", "attachments"):
                        if isinstance(params.get(key), str):
                            with contextlib.suppress(ValueError):
                                params[key] = json.loads(params[key])
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ") if auth else params.get("token")
                # response_url posts (…/response/N) are recorded as the pseudo-method "response_url".
                method = "response_url" if "/response/" in self.path else self.path.rsplit("/", 1)[-1]
                body = fake.answer(method, params, token)
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        with self._lock:
            self.calls.append(Call(method, params, token))
            self._seq += 1
            seq = self._seq
            if self.log is not None:
                self.log.write(describe_call(seq, method, params) + "\n")
                self.log.flush()
        if method == "response_url":
            return {"ok": True}
        if method == "apps.connections.open":  # called with the app-level token (xapp-)
            if not token or not token.startswith("xapp-") or self.socket_mode_url is None:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": self.socket_mode_url}
        if not token or not token.startswith(VALID_TOKEN_PREFIX) or token == BAD_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        if method in self.fail_methods:
            return {"ok": False, "error": self.fail_methods[method]}
        if method == "auth.test":
            return {"ok": True, "url": "https://lotsen-demo.slack.com/", "team": "Lotsen demo", "user": "lotsen",
                    "team_id": "T0LOTSEN", "user_id": "U0LOTSENBOT", "bot_id": "B0LOTSEN"}
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            view = params.get("view") or {}
            return {"ok": True, "view": {**view, "id": f"V{seq:08d}"}}
        if method == "chat.postMessage":
            return {"ok": True, "channel": params.get("channel"), "ts": f"{int(time.time())}.{seq:06d}",
                    "message": {"text": params.get("text")}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{int(time.time())}.{seq:06d}"}
        if method == "users.info":
            user = params.get("user", "")
            email = self.emails.get(user)
            if email is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": user, "profile": {"email": email}}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{seq:08d}"}}
        return {"ok": True}

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        return self.calls_to(method)

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()


LOGGED_PARAMS = ("channel", "user", "user_id", "trigger_id", "text")
LOGGED_MAX = 80


def describe_call(seq: int, method: str, params: dict[str, Any]) -> str:
    """`#3 chat.postMessage channel=U0DEMOEC01 text='Ny avvikelse att utreda'` (token never shown)."""
    parts = [f"#{seq} {method}"]
    for key in LOGGED_PARAMS:
        value = params.get(key)
        if value:
            text = str(value).replace("\n", " ")
            parts.append(f"{key}={text[:LOGGED_MAX] + '…' if len(text) > LOGGED_MAX else text!r}")
    view = params.get("view")
    if isinstance(view, dict) and view.get("type"):
        parts.append(f"view={view.get('type')}:{view.get('callback_id') or '-'}")
    return " ".join(parts)


if __name__ == "__main__":  # pragma: no cover - manual demo helper
    import sys

    fake = FakeSlack(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8999, log=sys.stdout).start()
    print(f"Fake Slack Web API on {fake.url} (one line per call)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()
