"""A keep-alive HTTP client for the few Web API calls delivery makes (chat.postMessage,
conversations.open, conversations.history).

slack_sdk's WebClient opens a new connection for every call; at 15,000 deliveries that is most of the
cost. This keeps one connection per sender and speaks the same wire format (bearer token, JSON or
form bodies, `{"ok": …}` answers). It never retries a request itself: an answer that did not come may
hide a post that landed, and only the dispatcher, after looking in the history, may try again.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

IDLE_SECONDS = 20.0  # reconnect rather than reuse a connection the server may have closed meanwhile


class SlackHttpError(Exception):
    def __init__(self, status: int, error: str, headers: dict[str, str]) -> None:
        super().__init__(f"Slack {status} {error}".strip())
        self.status, self.error, self.headers = status, error, headers


@dataclass
class SlackHttp:
    token: str
    base_url: str
    timeout: float = 20.0
    _conn: http.client.HTTPConnection | None = field(default=None, repr=False)
    _used_at: float = 0.0

    def call(self, method: str, params: dict[str, Any], *, json_body: bool = False) -> dict[str, Any]:
        """POST a Web API method; the parsed answer when `ok`, else SlackHttpError (network errors pass)."""
        url = urllib.parse.urlsplit(self.base_url)
        path = url.path.rstrip("/") + "/" + method
        if json_body:
            body = json.dumps({k: v for k, v in params.items() if v is not None}).encode()
            ctype = "application/json; charset=utf-8"
        else:
            body = urllib.parse.urlencode({k: _form(v) for k, v in params.items() if v is not None}).encode()
            ctype = "application/x-www-form-urlencoded"
        conn = self._connection(url)
        try:
            conn.request("POST", path, body=body, headers={"Authorization": f"Bearer {self.token}",
                                                           "Content-Type": ctype})
            response = conn.getresponse()
            raw = response.read()
        except BaseException:
            self.close()
            raise
        self._used_at = time.monotonic()
        headers = {k: v for k, v in response.getheaders()}
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        try:
            data = json.loads(raw.decode("utf-8") or "{}")
        except ValueError:
            data = {}
        if response.status >= 400 or not data.get("ok"):
            raise SlackHttpError(response.status, str(data.get("error") or ""), headers)
        return dict(data)

    def _connection(self, url: urllib.parse.SplitResult) -> http.client.HTTPConnection:
        if self._conn is not None and time.monotonic() - self._used_at > IDLE_SECONDS:
            self.close()
        if self._conn is None:
            host, port = url.hostname or "", url.port
            if url.scheme == "https":
                self._conn = http.client.HTTPSConnection(host, port, timeout=self.timeout)
            else:
                self._conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
            self._conn.connect()
            if self._conn.sock is not None:  # small requests go out at once (no Nagle wait)
                self._conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _form(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
