"""Deliver outbox messages to Slack users as direct messages from the bot, exactly once.

Every post carries the outbox key in its message metadata (event type `lotsen_outbox`); asked whether a
key was already delivered, the sender reads the DM's recent history with metadata. Slack's answers are
translated into the dispatcher's neutral errors: 429 → RetryAfter (its Retry-After), 5xx and time-outs →
TemporaryFailure, an unknown or deactivated user → Undeliverable.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable
from typing import Any, TypeVar

from slack_sdk import WebClient

from bot.adapters.slack.blocks import fallback_text, for_history, message_blocks
from bot.adapters.slack.transport import SlackHttp, SlackHttpError
from bot.reminders.delivery_errors import RetryAfter, TemporaryFailure, Undeliverable
from bot.ui.model import Message
from storage.models import Person

EVENT_TYPE = "lotsen_outbox"
# conversations.open (the DM's id) needs im:write; conversations.history of a DM needs im:history.
DELIVERY_SCOPES = ("im:write", "im:history")
HISTORY_LIMIT = 100  # the newest messages of the DM searched for a key
GONE = {"user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot", "channel_not_found",
        "is_archived", "not_in_channel"}

T = TypeVar("T")


class SlackSender:
    platform = "slack"  # the dispatcher hands rows for other platforms to their own dispatcher

    def __init__(self, client: WebClient, *, timeout: int = 20, yield_to: Callable[[], None] | None = None) -> None:
        # A keep-alive connection of its own: no automatic retries (a post retried after a time-out may be a
        # second post; the dispatcher retries, after looking in the history), a time-out well inside the lease.
        self.http = SlackHttp(token=client.token or "", base_url=client.base_url, timeout=timeout)
        # In `lotsen run`, posts wait (briefly) while Slack requests are being acked in the same process.
        self.yield_to = yield_to
        self._dm: dict[str, str] = {}

    def can_reach(self, person: Person) -> bool:
        return bool(person.slack_user_id)

    def send(self, person: Person, message: Message) -> None:
        self._post(person, message, None)

    def send_keyed(self, person: Person, message: Message, key: str) -> None:
        self._post(person, message, {"event_type": EVENT_TYPE, "event_payload": {"key": key}})

    def already_delivered(self, person: Person, key: str) -> bool | None:
        channel = self._dm_channel(person)
        response = _call(lambda: self.http.call("conversations.history", {
            "channel": channel, "limit": HISTORY_LIMIT, "include_all_metadata": True}))
        for item in response.get("messages") or []:
            metadata = item.get("metadata") or {}
            if metadata.get("event_type") == EVENT_TYPE and (metadata.get("event_payload") or {}).get("key") == key:
                return True
        return False

    def _dm_channel(self, person: Person) -> str:
        user = person.slack_user_id or ""
        if user not in self._dm:
            response = _call(lambda: self.http.call("conversations.open", {"users": user}))
            self._dm[user] = str((response.get("channel") or {}).get("id") or "")
        return self._dm[user]

    def _post(self, person: Person, message: Message, metadata: dict[str, Any] | None) -> None:
        # Posting to a user id opens (or reuses) the bot's DM with them; a DM keeps what is posted, so a
        # private view never goes there (a stand-in with its [Visa] button does), and user text is escaped.
        message = for_history(message)
        if self.yield_to is not None:
            self.yield_to()
        _call(lambda: self.http.call("chat.postMessage", {
            "channel": person.slack_user_id or "", "text": fallback_text(message),
            "blocks": message_blocks(message), "unfurl_links": False, "metadata": metadata}, json_body=True))


def _call(request: Callable[[], T]) -> T:
    try:
        return request()
    except SlackHttpError as exc:
        status, error = exc.status, exc.error
        if status == 429 or error == "ratelimited":
            raw = exc.headers.get("Retry-After") or exc.headers.get("retry-after") or "1"
            raise RetryAfter(_seconds(raw), f"Slack {status} {error}") from exc
        if status >= 500:
            raise TemporaryFailure(f"Slack {status} {error}") from exc
        if error in GONE:
            raise Undeliverable(f"Slack: {error}") from exc
        raise
    except (OSError, TimeoutError, http.client.HTTPException) as exc:  # refused, reset, time-outs
        raise TemporaryFailure(f"{exc.__class__.__name__}: {exc}") from exc


def _seconds(raw: object) -> float:
    value = raw[0] if isinstance(raw, list) and raw else raw
    try:
        return float(str(value))
    except ValueError:
        return 1.0
