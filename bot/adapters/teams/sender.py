"""Deliver outbox messages to Teams users proactively, in their 1:1 conversation with Lotsen.

The dispatcher runs in a scheduler thread; the SDK lives on the Teams adapter's event loop, reached
with `asyncio.run_coroutine_threadsafe`. A failure (429, 5xx, timeout) raises, so the outbox retries
it; whether Teams stored a message whose answer was lost cannot be known (no idempotency keys).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx

from bot.adapters.teams import cards
from bot.adapters.teams.identity import conversation_for
from bot.adapters.teams.sdk import App, Attachment, MessageActivityInput
from bot.reminders.delivery_errors import RetryAfter, TemporaryFailure, Undeliverable
from bot.ui.model import Message
from storage.db import Database
from storage.models import Person

SEND_TIMEOUT_SECONDS = 30.0


class TeamsUnreachable(RuntimeError):
    pass


def activity_for(message: Message) -> MessageActivityInput:
    return MessageActivityInput().add_attachments(
        Attachment(content_type=cards.CONTENT_TYPE, content=cards.message_card(message)))


class TeamsSender:
    platform = "teams"  # the dispatcher hands rows for other platforms to their own dispatcher

    def __init__(self, db: Database, app: App, loop: Callable[[], asyncio.AbstractEventLoop | None],
                 *, timeout: float = SEND_TIMEOUT_SECONDS) -> None:
        self.db = db
        self.app = app
        self._loop = loop
        self.timeout = timeout

    def can_reach(self, person: Person) -> bool:
        # Reachable once Teams gave us the person's 1:1 conversation (install or first contact).
        return conversation_for(self.db, person) is not None

    def send(self, person: Person, message: Message) -> None:
        ref = conversation_for(self.db, person)
        loop = self._loop()
        if ref is None:
            raise TeamsUnreachable("ingen Teams-konversation sparad för mottagaren")
        if loop is None or loop.is_closed():
            raise TeamsUnreachable("Teams-adaptern är inte igång")
        future = asyncio.run_coroutine_threadsafe(
            self.app.send(ref.conversation_id, activity_for(message), service_url=ref.service_url), loop)
        try:
            future.result(timeout=self.timeout)
        except httpx.HTTPStatusError as exc:
            raise _delivery_error(exc) from exc
        except (TimeoutError, httpx.TransportError) as exc:  # the post may have landed: the outbox retries
            raise TemporaryFailure(f"Teams: {exc.__class__.__name__}") from exc

    def already_delivered(self, person: Person, key: str) -> bool | None:
        return None  # a bot cannot read its Teams conversation's history: the window is documented


def _delivery_error(exc: httpx.HTTPStatusError) -> Exception:
    """Teams' answer as the outbox understands it: wait (429), retry (5xx), or give up (404/403)."""
    status = exc.response.status_code
    if status == 429:
        try:
            seconds = float(exc.response.headers.get("Retry-After") or 1)
        except ValueError:
            seconds = 1.0
        return RetryAfter(seconds, "Teams 429")
    if status >= 500:
        return TemporaryFailure(f"Teams {status}")
    if status in (403, 404):
        return Undeliverable(f"Teams {status}: the conversation is gone or the app was removed")
    return exc
