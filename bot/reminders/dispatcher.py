"""Deliver due outbox rows exactly once across restarts, crashes, slow platforms and several instances.

A dispatcher claims a small batch under a lease in one short transaction (FOR UPDATE SKIP LOCKED on
PostgreSQL; SQLite's single writer lock makes the conditional UPDATE atomic): first rows whose lease ran
out (a crashed claim), then the ordinary backlog by due time. Before each send it makes sure the claim is
still its own, extending the lease conditionally when less than half is left; a claim taken over is not
sent. Sent rows are marked in one update per batch, only where the claim is still held.

The remaining window (sent, then the process dies before the mark) is closed by the platform: every
post carries the row's key (Slack: message metadata), and a row claimed again after a crash, or retried
after an answer that may hide a post (a time-out), is first looked up in the conversation; found means
sent. A sender that cannot know (`already_delivered` returns None, e.g. Teams) keeps that window, as
small as one send: see docs/operations.md.

A lease that ran out is not an attempt: `attempts` counts answers that said no; `crashes` counts claims
that died, and a row whose claims keep dying (a message that kills the process) is set aside, so the
rest keep flowing. A row that fails or is set aside tells someone who can act (bot/reminders/undelivered).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import and_, select, update
from sqlmodel import col
from sqlmodel import select as sm_select

from bot.clock import STOCKHOLM, utcnow
from bot.reminders import texts as t
from bot.reminders.delivery_errors import RetryAfter, TemporaryFailure, Undeliverable
from bot.reminders.late import mark_late
from bot.reminders.outbox import OUTBOX
from bot.reminders.undelivered import tell_someone
from bot.ui.model import Message
from storage.db import Database
from storage.models import OutboxStatus, Person

log = logging.getLogger(__name__)

__all__ = ["DeliveryReceipts", "DispatchStats", "Dispatcher", "RetryAfter", "Sender", "TemporaryFailure",
           "Undeliverable"]

HAND_BACK_DELAY = timedelta(seconds=30)  # a row for another platform's dispatcher waits a moment
CLAIMED_COLUMNS = (OUTBOX.c.id, OUTBOX.c.key, OUTBOX.c.kind, OUTBOX.c.recipient_id, OUTBOX.c.payload,
                   OUTBOX.c.attempts, OUTBOX.c.crashes, OUTBOX.c.due_at, OUTBOX.c.planned_for,
                   OUTBOX.c.reference)


class Sender(Protocol):
    def can_reach(self, person: Person) -> bool: ...

    def send(self, person: Person, message: Message) -> None: ...


@runtime_checkable
class DeliveryReceipts(Protocol):
    """Optional, for senders whose platform can carry and find a delivery's key.

    `send_keyed` posts with the key attached; `already_delivered` answers True (found: do not post
    again), False (certainly not there) or None (cannot know: the platform's history is not readable)."""

    def send_keyed(self, person: Person, message: Message, key: str) -> None: ...

    def already_delivered(self, person: Person, key: str) -> bool | None: ...


@dataclass
class DispatchStats:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    found: int = 0  # already delivered before a crash: marked sent, not posted again
    skipped: int = 0  # the claim was taken over; not sent
    late: int = 0
    handed_back: int = 0  # the recipient's platform is served by another dispatcher

    def add(self, other: DispatchStats) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Batch:
    rows: list[dict[str, Any]]
    lease_until: datetime
    sent: list[int] = field(default_factory=list)
    lost: set[int] = field(default_factory=set)  # claims taken over by another instance


class Dispatcher:
    def __init__(
        self,
        db: Database,
        senders: list[Sender],
        *,
        lease_seconds: int = 120,
        max_attempts: int = 8,
        max_crashes: int = 3,
        backoff_seconds: float = 30.0,
        batch_size: int = 20,
        worker_id: str | None = None,
        on_sent: Callable[[Person, Message], None] | None = None,
        planned_since: datetime | None = None,
        admin: str | None = None,
    ) -> None:
        self.db = db
        self.senders = senders
        self.lease = timedelta(seconds=lease_seconds)
        self.max_attempts = max_attempts
        self.max_crashes = max_crashes
        self.backoff_seconds = backoff_seconds
        self.batch_size = batch_size
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.on_sent = on_sent
        # Only rows planned from this moment on (the console must never take a real deployment's mail).
        self.planned_since = planned_since
        self.paused_until: datetime | None = None  # the platform asked us to wait (429)
        self.admin = admin  # told about undeliverable reminders whose recipient has no leader
        self.stopping = False  # set on SIGTERM: the batch in hand is finished, no new one is claimed
        self._lease_until = utcnow()

    # --- claiming -------------------------------------------------------------------------------

    def _scope(self, condition: Any) -> Any:
        if self.planned_since is not None:
            return and_(condition, OUTBOX.c.created_at >= self.planned_since)
        return condition

    def claim(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Claim up to `limit` rows: expired leases first, then due rows by due time (both by index)."""
        limit = limit or self.batch_size
        now = utcnow()
        expired = self._scope(and_(OUTBOX.c.status == OutboxStatus.SENDING.value, OUTBOX.c.lease_until < now))
        due = self._scope(and_(OUTBOX.c.status == OutboxStatus.PENDING.value, OUTBOX.c.due_at <= now))
        claimed: list[dict[str, Any]] = []
        self._lease_until = now + self.lease  # what the claims below hold, by the clock they were made with
        with self.db.session() as session:
            stale = [r[0] for r in session.execute(
                select(OUTBOX.c.id).where(expired).order_by(OUTBOX.c.lease_until).limit(limit)
                .with_for_update(skip_locked=True))]
            if stale:
                # A claim that ran out is a crash, not an attempt; one crash too many sets the row aside.
                dead = self.max_crashes - 1
                for row in session.execute(
                    update(OUTBOX).where(OUTBOX.c.id.in_(stale), expired, OUTBOX.c.crashes >= dead)
                    .values(status=OutboxStatus.SET_ASIDE.value, crashes=OUTBOX.c.crashes + 1, lease_until=None,
                            last_error=t.CRASHED.format(n=self.max_crashes))
                    .returning(*CLAIMED_COLUMNS)
                ):
                    set_aside = dict(row._mapping)
                    log.error("outbox row %s (%s) set aside: its claims died %d times",
                              set_aside["id"], set_aside["kind"], self.max_crashes)
                    tell_someone(session, set_aside, t.CRASHED.format(n=self.max_crashes), admin=self.admin)
                claimed += [
                    {**dict(row._mapping), "reclaimed": True}
                    for row in session.execute(
                        update(OUTBOX).where(OUTBOX.c.id.in_(stale), expired, OUTBOX.c.crashes < dead)
                        .values(claimed_by=self.worker_id, lease_until=now + self.lease,
                                crashes=OUTBOX.c.crashes + 1)
                        .returning(*CLAIMED_COLUMNS))
                ]
            room = limit - len(claimed)
            if room > 0:
                ids = [r[0] for r in session.execute(
                    select(OUTBOX.c.id).where(due).order_by(OUTBOX.c.due_at).limit(room)
                    .with_for_update(skip_locked=True))]
                if ids:
                    claimed += [
                        {**dict(row._mapping), "reclaimed": False}
                        for row in session.execute(
                            update(OUTBOX).where(OUTBOX.c.id.in_(ids), due)  # re-check: another may have it
                            .values(status=OutboxStatus.SENDING.value, claimed_by=self.worker_id,
                                    lease_until=now + self.lease)
                            .returning(*CLAIMED_COLUMNS))
                    ]
        return claimed

    def _finish(self, row_id: object, **values: object) -> bool:
        """Change a row we still hold; False when another instance has taken it over."""
        with self.db.session() as session:
            result = session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id == row_id, OUTBOX.c.claimed_by == self.worker_id,
                       OUTBOX.c.status == OutboxStatus.SENDING.value)
                .values(**values)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def _hold(self, batch: _Batch) -> None:
        """Make sure the batch's claims are ours for at least half a lease more; drop those taken over.

        Nobody can take a claim over before its lease ends, so while more than half is left no query is
        needed; otherwise the lease is extended where we still hold it, in one conditional update."""
        now = utcnow()
        if batch.lease_until - now > self.lease / 2:
            return
        ids = [int(r["id"]) for r in batch.rows if int(r["id"]) not in batch.lost]
        new_lease = now + self.lease
        with self.db.session() as session:
            kept = {r[0] for r in session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_(ids), OUTBOX.c.claimed_by == self.worker_id,
                       OUTBOX.c.status == OutboxStatus.SENDING.value)
                .values(lease_until=new_lease)
                .returning(OUTBOX.c.id))}
        batch.lost |= set(ids) - kept
        batch.lease_until = new_lease

    def _mark_sent(self, batch: _Batch) -> None:
        if not batch.sent:
            return
        with self.db.session() as session:
            session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_(batch.sent), OUTBOX.c.claimed_by == self.worker_id,
                       OUTBOX.c.status == OutboxStatus.SENDING.value)
                .values(status=OutboxStatus.SENT.value, sent_at=utcnow(), last_error=None, lease_until=None)
            )
        batch.sent = []

    def _release(self, rows: list[dict[str, Any]], due_at: datetime) -> None:
        """Hand unsent claims back untouched (no attempt counted), e.g. while the platform asks us to wait."""
        if not rows:
            return
        with self.db.session() as session:
            session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_([r["id"] for r in rows]), OUTBOX.c.claimed_by == self.worker_id,
                       OUTBOX.c.status == OutboxStatus.SENDING.value)
                .values(status=OutboxStatus.PENDING.value, due_at=due_at, lease_until=None)
            )

    # --- delivering -----------------------------------------------------------------------------

    def drain(self, limit: int | None = None, max_batches: int | None = None) -> DispatchStats:
        """One tick: deliver batch after batch until nothing more is due (or the platform asks to wait)."""
        total = DispatchStats()
        batches = 0
        while max_batches is None or batches < max_batches:
            if self.stopping:
                break
            if self.paused_until is not None and utcnow() < self.paused_until:
                break
            stats = self.run_once(limit)
            total.add(stats)
            batches += 1
            if stats.claimed == 0:
                break
        return total

    def run_once(self, limit: int | None = None) -> DispatchStats:
        stats = DispatchStats()
        if self.paused_until is not None and utcnow() < self.paused_until:
            return stats
        rows = self.claim(limit)
        stats.claimed = len(rows)
        if not rows:
            return stats
        batch = _Batch(rows, self._lease_until)
        with self.db.read() as session:  # recipients once per batch
            people = {p.id: p for p in session.exec(
                sm_select(Person).where(col(Person.id).in_({r["recipient_id"] for r in rows})))}
        try:
            for index, row in enumerate(rows):
                self._hold(batch)
                if int(row["id"]) in batch.lost:
                    log.warning("outbox row %s (%s) not sent: its claim was taken over", row["id"], row["kind"])
                    stats.skipped += 1
                    continue
                try:
                    self._deliver(row, people.get(row["recipient_id"]), batch, stats)
                except RetryAfter as exc:
                    wait = utcnow() + timedelta(seconds=exc.seconds)
                    self.paused_until = wait
                    log.warning("outbox row %s (%s) not sent: %s", row["id"], row["kind"], exc)
                    self._release([r for r in rows[index:] if int(r["id"]) not in batch.lost], wait)
                    stats.retried += 1
                    break
        finally:
            self._mark_sent(batch)
        return stats

    def _served_elsewhere(self, person: Person) -> bool:
        """The person has a chat platform none of this dispatcher's senders speak (senders name theirs in
        `platform`); a sender of that platform elsewhere can deliver, so this one must not fail the row."""
        served = {getattr(s, "platform", None) for s in self.senders} - {None}
        if not served:  # senders that name no platform (the console, tests) reach whom they can
            return False
        theirs = {name for name, ident in (("slack", person.slack_user_id), ("teams", person.teams_user_id)) if ident}
        return bool(theirs - served)

    def _sender_for(self, person: Person | None) -> Sender | None:
        if person is None or not person.active:
            return None
        return next((s for s in self.senders if s.can_reach(person)), None)

    def _deliver(self, row: dict[str, Any], person: Person | None, batch: _Batch, stats: DispatchStats) -> None:
        row_id, kind, key = int(row["id"]), str(row["kind"]), str(row["key"])
        sender = self._sender_for(person)
        try:
            if person is not None and sender is None and self._served_elsewhere(person):
                # The recipient uses a platform this dispatcher has no sender for (a Slack-only `lotsen
                # run` beside a Teams one): hand the row back, unattempted, for a dispatcher that has one.
                self._finish(row_id, status=OutboxStatus.PENDING.value, lease_until=None,
                             due_at=utcnow() + HAND_BACK_DELAY)
                stats.handed_back += 1
                return
            if person is None or sender is None:
                raise Undeliverable(t.NO_RECIPIENT)
            # A crash or an ambiguous answer before: the post may have landed. Ask before posting again.
            # (crashes survive a release back to pending, so a row handed back after a 429 is checked too.)
            if (row["crashes"] or row["attempts"]) and isinstance(sender, DeliveryReceipts) \
                    and sender.already_delivered(person, key):
                log.info("outbox row %s (%s) was already delivered before a crash; marked sent", row_id, kind)
                batch.sent.append(row_id)
                stats.found += 1
                return
            message = Message.from_payload(row["payload"])
            planned = row["planned_for"] or row["due_at"]
            if planned.astimezone(STOCKHOLM).date() < utcnow().astimezone(STOCKHOLM).date():
                message = mark_late(message, planned.astimezone(STOCKHOLM).date())
                stats.late += 1
            if isinstance(sender, DeliveryReceipts):
                sender.send_keyed(person, message, key)
            else:
                sender.send(person, message)
        except RetryAfter:
            raise
        except Exception as exc:  # delivery failures are retried, never lost silently
            self._failed(row, exc, stats)
            return
        batch.sent.append(row_id)
        stats.sent += 1
        if self.on_sent and person is not None:
            self.on_sent(person, message)

    def _failed(self, row: dict[str, Any], exc: Exception, stats: DispatchStats) -> None:
        attempts = int(row["attempts"]) + 1
        error = f"{exc.__class__.__name__}: {str(exc)[:300]}"
        final = attempts >= self.max_attempts or isinstance(exc, Undeliverable)
        log.warning("outbox row %s (%s) delivery failed (attempt %d of %d%s): %s", row["id"], row["kind"],
                    attempts, self.max_attempts, ", giving up" if final else "", error)
        if final:
            with self.db.session() as session:
                result = session.execute(
                    update(OUTBOX)
                    .where(OUTBOX.c.id == row["id"], OUTBOX.c.claimed_by == self.worker_id,
                           OUTBOX.c.status == OutboxStatus.SENDING.value)
                    .values(status=OutboxStatus.FAILED.value, attempts=attempts, last_error=error, lease_until=None))
                if result.rowcount:  # type: ignore[attr-defined]
                    tell_someone(session, row, error, admin=self.admin)
            stats.failed += 1
            return
        backoff = timedelta(seconds=min(3600.0, self.backoff_seconds * 2 ** (attempts - 1)))
        self._finish(row["id"], status=OutboxStatus.PENDING.value, attempts=attempts, due_at=utcnow() + backoff,
                     last_error=error, lease_until=None)
        stats.retried += 1
