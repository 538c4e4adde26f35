"""Deliver due outbox rows exactly once across restarts, crashes and several instances.

A dispatcher claims due rows under a lease in one short transaction (FOR UPDATE SKIP LOCKED on
PostgreSQL; SQLite's single writer lock makes the conditional UPDATE atomic), sends them, and marks
them sent only if it still holds the claim. A crash between claim and send leaves the row to be
reclaimed when the lease runs out; a crash between send and mark can repeat that one delivery,
the smallest window a chat API without idempotency keys allows.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import and_, or_, select, update

from bot.clock import utcnow
from bot.reminders.outbox import OUTBOX
from bot.ui.model import Message
from storage.db import Database
from storage.models import OutboxStatus, Person

log = logging.getLogger(__name__)


class Sender(Protocol):
    def can_reach(self, person: Person) -> bool: ...

    def send(self, person: Person, message: Message) -> None: ...


@dataclass
class DispatchStats:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0


class Dispatcher:
    def __init__(
        self,
        db: Database,
        senders: list[Sender],
        *,
        lease_seconds: int = 120,
        max_attempts: int = 8,
        worker_id: str | None = None,
        on_sent: Callable[[Person, Message], None] | None = None,
        planned_since: datetime | None = None,
    ) -> None:
        self.db = db
        self.senders = senders
        self.lease = timedelta(seconds=lease_seconds)
        self.max_attempts = max_attempts
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.on_sent = on_sent
        # Only rows planned from this moment on (the console must never take a real deployment's mail).
        self.planned_since = planned_since

    def claim(self, limit: int = 50) -> list[dict[str, object]]:
        now = utcnow()
        due = or_(
            and_(OUTBOX.c.status == OutboxStatus.PENDING.value, OUTBOX.c.due_at <= now),
            and_(OUTBOX.c.status == OutboxStatus.SENDING.value, OUTBOX.c.lease_until < now),
        )
        if self.planned_since is not None:
            due = and_(due, OUTBOX.c.created_at >= self.planned_since)
        with self.db.session() as session:
            ids_query = (
                select(OUTBOX.c.id).where(due).order_by(OUTBOX.c.due_at).limit(limit)
                .with_for_update(skip_locked=True)
            )
            ids = [row[0] for row in session.execute(ids_query)]
            if not ids:
                return []
            stmt = (
                update(OUTBOX)
                .where(OUTBOX.c.id.in_(ids), due)  # re-check: another instance may have taken it
                .values(
                    status=OutboxStatus.SENDING.value,
                    claimed_by=self.worker_id,
                    lease_until=now + self.lease,
                    attempts=OUTBOX.c.attempts + 1,
                )
                .returning(OUTBOX.c.id, OUTBOX.c.recipient_id, OUTBOX.c.payload, OUTBOX.c.attempts)
            )
            return [dict(row._mapping) for row in session.execute(stmt)]

    def _finish(self, row_id: object, **values: object) -> None:
        with self.db.session() as session:
            session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id == row_id, OUTBOX.c.claimed_by == self.worker_id)
                .values(**values)
            )

    def drain(self, limit: int = 50, max_batches: int = 20) -> DispatchStats:
        """One tick: deliver batches until nothing more is due (bounded, so a tick always ends)."""
        total = DispatchStats()
        for _ in range(max_batches):
            stats = self.run_once(limit)
            total.claimed += stats.claimed
            total.sent += stats.sent
            total.failed += stats.failed
            total.retried += stats.retried
            if stats.claimed < limit:
                break
        return total

    def run_once(self, limit: int = 50) -> DispatchStats:
        stats = DispatchStats()
        rows = self.claim(limit)
        stats.claimed = len(rows)
        for row in rows:
            with self.db.read() as session:
                person = session.get(Person, row["recipient_id"])
            message = Message.from_payload(row["payload"])  # type: ignore[arg-type]
            sender = next((s for s in self.senders if person and s.can_reach(person)), None)
            try:
                if person is None or sender is None:
                    raise RuntimeError("mottagaren kan inte nås på någon kanal")
                sender.send(person, message)
            except Exception as exc:  # delivery failures are retried, never lost silently
                attempts = int(row["attempts"])  # type: ignore[call-overload]
                error = f"{exc.__class__.__name__}: {str(exc)[:300]}"
                log.warning("outbox delivery failed", extra={"outbox_id": row["id"], "error": error})
                if attempts >= self.max_attempts:
                    self._finish(row["id"], status=OutboxStatus.FAILED.value, last_error=error)
                    stats.failed += 1
                else:
                    backoff = timedelta(seconds=min(3600, 30 * 2 ** (attempts - 1)))
                    self._finish(
                        row["id"],
                        status=OutboxStatus.PENDING.value,
                        due_at=utcnow() + backoff,
                        last_error=error,
                    )
                    stats.retried += 1
                continue
            self._finish(row["id"], status=OutboxStatus.SENT.value, sent_at=utcnow(), last_error=None)
            stats.sent += 1
            if self.on_sent and person is not None:
                self.on_sent(person, message)
        return stats
