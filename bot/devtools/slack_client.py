"""Send Slack-shaped, correctly signed requests to a Bolt endpoint, as Slack itself would.

Used by the scenario tests and the benchmarks: form-encoded slash commands, `payload=` JSON for
interactivity, JSON event callbacks, each signed with the signing secret (v0 HMAC-SHA256).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from slack_sdk.signature import SignatureVerifier


@dataclass
class Response:
    status: int
    body: str
    elapsed: float

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class SignedSlackClient:
    base: str  # e.g. http://127.0.0.1:3000
    secret: str
    response_url_base: str = "http://127.0.0.1:9/response/"
    path: str = "/slack/events"
    _ids: count[int] = field(default_factory=lambda: count(1))

    def signed_headers(self, body: str, *, timestamp: int | None = None, secret: str | None = None) -> dict[str, str]:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        signature = SignatureVerifier(secret or self.secret).generate_signature(timestamp=ts, body=body) or ""
        return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}

    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None) -> Response:
        all_headers = {"Content-Type": content_type, **(headers if headers is not None else self.signed_headers(body))}
        request = urllib.request.Request(self.base + self.path, data=body.encode(), headers=all_headers,
                                         method="POST")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return Response(response.status, response.read().decode(), time.perf_counter() - started)
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read().decode(), time.perf_counter() - started)

    def command(self, user_id: str, command: str, text: str = "", headers: dict[str, str] | None = None) -> Response:
        n = next(self._ids)
        body = urllib.parse.urlencode({
            "token": "legacy", "team_id": "T0LOTSEN", "team_domain": "lotsen-demo", "channel_id": "C0GENERAL",
            "channel_name": "general", "user_id": user_id, "user_name": user_id.lower(), "command": command,
            "text": text, "api_app_id": "A0LOTSEN", "response_url": f"{self.response_url_base}{n}",
            "trigger_id": f"trigger.{n}",
        })
        return self.post(body, "application/x-www-form-urlencoded", headers)

    def interactive(self, payload: dict[str, Any]) -> Response:
        return self.post(urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    def click(self, user_id: str, action_id: str, value: str, *, from_home: bool = False,
              from_modal: bool = False) -> Response:
        n = next(self._ids)
        payload: dict[str, Any] = {
            "type": "block_actions", "team": {"id": "T0LOTSEN"}, "user": {"id": user_id},
            "api_app_id": "A0LOTSEN", "trigger_id": f"trigger.{n}",
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": value,
                         "action_ts": f"{time.time():.6f}"}],
        }
        if from_home or from_modal:
            kind = "modal" if from_modal else "home"
            payload["container"] = {"type": "view", "view_id": f"V{kind.upper()}"}
            payload["view"] = {"id": f"V{kind.upper()}", "type": kind}
        else:
            payload["container"] = {"type": "message", "channel_id": "D0BOT", "message_ts": "1.1"}
            payload["channel"] = {"id": "D0BOT"}
            payload["response_url"] = f"{self.response_url_base}{n}"
        return self.interactive(payload)

    def submit_view(self, user_id: str, callback_id: str, values: dict[str, Any], *,
                    metadata: dict[str, str] | None = None, view_id: str = "V0001") -> Response:
        state = {block_id: {"value": state_entry(value)} for block_id, value in values.items()}
        payload = {
            "type": "view_submission", "team": {"id": "T0LOTSEN"}, "user": {"id": user_id},
            "api_app_id": "A0LOTSEN", "trigger_id": f"trigger.{next(self._ids)}",
            "view": {"id": view_id, "type": "modal", "callback_id": callback_id,
                     "private_metadata": json.dumps(metadata or {}), "state": {"values": state}},
        }
        return self.interactive(payload)

    def event(self, event: dict[str, Any], *, event_id: str, retry_num: int | None = None) -> Response:
        body = json.dumps({"token": "legacy", "team_id": "T0LOTSEN", "api_app_id": "A0LOTSEN",
                           "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
                           "event": event})
        headers = self.signed_headers(body)
        if retry_num is not None:
            headers |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(body, "application/json", headers)


def state_entry(value: Any) -> dict[str, Any]:
    """Shape a value as Slack's view state does for the element that would hold it."""
    if isinstance(value, dict):
        return value
    if value is None:
        return {"type": "plain_text_input", "value": None}
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return {"type": "datepicker", "selected_date": text}
    if text.startswith("U0") and text.isupper():
        return {"type": "users_select", "selected_user": text}
    return {"type": "plain_text_input", "value": text}


def select(value: str) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": {"value": value, "text": {"type": "plain_text", "text": value}}}
