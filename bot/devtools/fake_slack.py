"""A local fake of the Slack Web API for tests and demos: records every call, answers like Slack.

Point the bot at it with SLACK_API_URL=http://127.0.0.1:PORT/api/. It speaks Slack's wire format
(form-encoded or JSON bodies, `{"ok": …}` answers, `invalid_auth` for a bad token) and keeps the calls
so tests can assert what the bot sent. `python -m bot.devtools.fake_slack` runs one standalone.

It also keeps the messages posted, per conversation, with their metadata, and serves them back through
`conversations.history` (metadata only with `include_all_metadata`), so the outbox's "already
delivered?" look-up is tested against Slack's real shapes. `chaos` makes a share of calls fail (HTTP 500),
answer slowly (the message is stored, the answer comes late: a client that times out cannot know it
landed) or be rate limited (HTTP 429 with Retry-After).
"""

from __future__ import annotations

import contextlib
import json
import random
import sys
import threading
import time
import urllib.parse
from collections import Counter
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
class Chaos:
    """Shares of calls (0..1) that fail, are slow or are rate limited; only `methods` are affected."""

    fail_rate: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 1.0
    rate_limit_rate: float = 0.0
    retry_after: int = 1
    methods: tuple[str, ...] = ("chat.postMessage", "conversations.history", "conversations.open")
    seed: int | None = None
    _random: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._random.seed(self.seed)

    def draw(self) -> str | None:
        roll = self._random.random()
        for outcome, share in (("fail", self.fail_rate), ("ratelimit", self.rate_limit_rate),
                               ("slow", self.slow_rate)):
            if roll < share:
                return outcome
            roll -= share
        return None


EVENT_TYPE_KEY = "key"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that goes away with a kept-alive connection (a bot stopped mid-call) is not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class FakeSlack:
    host: str = "127.0.0.1"
    port: int = 0
    emails: dict[str, str] = field(default_factory=dict)  # user id → e-mail for users.info
    calls: list[Call] = field(default_factory=list)
    fail_methods: dict[str, str] = field(default_factory=dict)  # method → error to answer with
    socket_mode_url: str | None = None  # what apps.connections.open hands out (a local ws:// server)
    log: TextIO | None = None  # when set (the standalone fake), one line per call
    chaos: Chaos | None = None
    record_calls: bool = True  # a benchmark posting 100,000 messages may keep only the messages
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # conversation → messages
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
            protocol_version = "HTTP/1.1"  # keep-alive, as Slack's API does (every answer has a length)
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stalls

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                ctype = self.headers.get("Content-Type", "")
                params: dict[str, Any]
                query = urllib.parse.urlsplit(self.path).query
                if "json" in ctype:
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                    for key in ("blocks", "view", "attachments"):
                        if isinstance(params.get(key), str):
                            with contextlib.suppress(ValueError):
                                params[key] = json.loads(params[key])
                params |= {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ") if auth else params.get("token")
                # response_url posts (…/response/N) are recorded as the pseudo-method "response_url".
                path = urllib.parse.urlsplit(self.path).path
                method = "response_url" if "/response/" in path else path.rsplit("/", 1)[-1]
                status, headers, body = fake.respond(method, params, token)
                data = json.dumps(body).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

        self._server = _QuietServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def respond(self, method: str, params: dict[str, Any], token: str | None) -> tuple[int, dict[str, str],
                                                                                       dict[str, Any]]:
        """HTTP status, headers and body; `chaos` decides whether this call fails, waits or is limited."""
        outcome = None
        if self.chaos is not None and method in self.chaos.methods:
            with self._lock:
                outcome = self.chaos.draw()
        if outcome == "fail":
            return 500, {}, {"ok": False, "error": "internal_error"}
        if outcome == "ratelimit":
            assert self.chaos is not None
            return 429, {"Retry-After": str(self.chaos.retry_after)}, {"ok": False, "error": "ratelimited"}
        body = self.answer(method, params, token)
        if outcome == "slow":
            assert self.chaos is not None
            time.sleep(self.chaos.slow_seconds)  # done, but the answer comes late
        return 200, {}, body

    def answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        with self._lock:
            if self.record_calls:
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
            return self._post(params, seq)
        if method == "conversations.history":
            return self._history(params)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{int(time.time())}.{seq:06d}"}
        if method == "users.info":
            user = params.get("user", "")
            email = self.emails.get(user)
            if email is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": user, "profile": {"email": email}}}
        if method == "conversations.open":
            users = str(params.get("users") or "")
            channel = f"D{users}" if users and "," not in users else f"D{seq:08d}"
            return {"ok": True, "channel": {"id": channel}}
        return {"ok": True}

    @staticmethod
    def conversation(channel: str) -> str:
        """Posting to a user id lands in the bot's DM with them: D + the user id, as conversations.open says."""
        return f"D{channel}" if channel.startswith(("U", "W")) else channel

    def _post(self, params: dict[str, Any], seq: int) -> dict[str, Any]:
        channel = self.conversation(str(params.get("channel") or ""))
        metadata = params.get("metadata")
        if isinstance(metadata, str):
            with contextlib.suppress(ValueError):
                metadata = json.loads(metadata)
        message = {"type": "message", "user": "U0LOTSENBOT", "bot_id": "B0LOTSEN", "text": params.get("text"),
                   "ts": f"{int(time.time())}.{seq:06d}"}
        if isinstance(metadata, dict):
            message["metadata"] = metadata
        with self._lock:
            self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _history(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        limit = int(params.get("limit") or 100)
        with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        with self._lock:
            if channel not in self.messages and not channel.startswith("D"):
                return {"ok": False, "error": "channel_not_found"}
            newest_first = list(reversed(self.messages.get(channel, [])))[:limit]
        shown = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in newest_first]
        return {"ok": True, "messages": shown, "has_more": len(self.messages.get(channel, [])) > limit}

    def posted_keys(self, event_type: str = "lotsen_outbox") -> Counter[str]:
        """How many times each outbox key arrived, across every conversation."""
        with self._lock:
            return Counter(
                str(m["metadata"]["event_payload"].get(EVENT_TYPE_KEY))
                for messages in self.messages.values() for m in messages
                if m.get("metadata", {}).get("event_type") == event_type)

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
            self.messages.clear()


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
