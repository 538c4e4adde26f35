"""Deliver outbox messages to Teams users proactively, in their 1:1 conversation with Lotsen.

The dispatcher runs in a scheduler thread; the SDK lives on the Teams adapter's event loop, reached
with `asyncio.run_coroutine_threadsafe`. A failure (429, 5xx, timeout) raises, so the outbox retries
it; whether Teams stored a message whose answer was lost cannot be known (no idempotency keys).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.adapters.teams import cards
from bot.adapters.teams.identity import conversation_for
from bot.adapters.teams.sdk import App, Attachment, MessageActivityInput
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
        future.result(timeout=self.timeout)
