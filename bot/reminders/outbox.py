"""Planning deliveries: one outbox row per (what, whom, which occurrence), inserted idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.engine import Connection
from sqlmodel import Session

from bot.clock import STOCKHOLM, as_utc, utcnow
from bot.ui.model import Message
from storage import prepared
from storage.models import OutboxMessage, OutboxStatus
from storage.upsert import insert_ignore, insert_ignore_bulk, insert_ignore_many

OUTBOX: Table = OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Delivery:
    key: str  # what, to whom, which occurrence: planning the same key twice keeps one row
    kind: str
    recipient_id: int
    message: Message
    due_at: datetime | None = None
    subject: str | None = None  # what it is about ("frist:42"): `cancel(subject)` finds it by index
    reference: str | None = None  # named if it cannot be delivered: case reference, never content

    def row(self, now: datetime) -> dict[str, Any]:
        due = as_utc(self.due_at) if self.due_at else now
        return {
            "key": self.key,
            "kind": self.kind,
            "recipient_id": self.recipient_id,
            "payload": self.message.to_payload(),
            "due_at": due,
            "planned_for": due,
            "status": OutboxStatus.PENDING.value,
            "attempts": 0,
            "crashes": 0,
            "created_at": now,
            "subject": self.subject,
            "reference": self.reference,
        }


def plan(
    session: Session,
    *,
    key: str,
    kind: str,
    recipient_id: int,
    message: Message,
    due_at: datetime | None = None,
    subject: str | None = None,
    reference: str | None = None,
) -> bool:
    """Plan a delivery. Planning the same key again changes nothing and returns False."""
    delivery = Delivery(key, kind, recipient_id, message, due_at, subject, reference)
    return insert_ignore(session, OUTBOX, delivery.row(utcnow()))


def plan_all(session: Session, deliveries: list[Delivery]) -> int:
    """Plan several deliveries in one statement; keys already planned are left as they are.
    Returns how many were new."""
    now = utcnow()
    return insert_ignore_many(session, OUTBOX, [d.row(now) for d in deliveries])


_NEW_ROWS = prepared.insert(OUTBOX, ["key", "kind", "recipient_id", "payload", "due_at", "planned_for", "status",
                                     "attempts", "crashes", "created_at", "subject", "reference"],
                            on_conflict_do_nothing=True)


def plan_new(connection: Connection, deliveries: list[Delivery]) -> None:
    """`plan_all` for a hot path that needs no count back: one executemany, no RETURNING."""
    if deliveries:
        now = utcnow()
        _NEW_ROWS.executemany(connection, [d.row(now) for d in deliveries])


def plan_bulk(session: Session, deliveries: list[Delivery]) -> None:
    """Like plan_all, without counting what was new: for imports of many thousands of rows."""
    now = utcnow()
    insert_ignore_bulk(session, OUTBOX, [d.row(now) for d in deliveries])


def cancel(session: Session, subject: str) -> int:
    """Cancel the pending deliveries planned with this subject (e.g. a follow-up that was done).

    An equality look-up on an indexed column: replanning one deadline among 100,000 reads only its own
    rows (a `key LIKE 'prefix%'` read every pending row). A trailing ':' is ignored, so the key prefixes
    callers used to pass ("frist:42:") name the same subject.
    """
    stmt = (
        update(OUTBOX)
        .where(OUTBOX.c.subject == subject.rstrip(":"), OUTBOX.c.status == OutboxStatus.PENDING.value)
        .values(status=OutboxStatus.CANCELLED.value)
    )
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def morning_of(day: date, hour: int = 8) -> datetime:
    """08:00 Stockholm time on a date, as UTC: when a dated reminder goes out."""
    return datetime.combine(day, time(hour, 0), tzinfo=STOCKHOLM).astimezone(UTC)


def within_working_hours(moment: datetime, start_hour: int, end_hour: int) -> datetime:
    """Move a moment forward to the next working-day slot (Mon–Fri, not a public holiday) in Stockholm."""
    from bot.deadlines.calendar import is_excluded_day

    local = moment.astimezone(STOCKHOLM)
    for _ in range(30):
        if local.hour < start_hour:
            local = local.replace(hour=start_hour, minute=0, second=0, microsecond=0)
        if local.hour >= end_hour:
            local = (local + timedelta(days=1)).replace(hour=start_hour, minute=0, second=0, microsecond=0)
            continue
        if is_excluded_day(local.date()) is not None:
            local = (local + timedelta(days=1)).replace(hour=start_hour, minute=0, second=0, microsecond=0)
            continue
        break
    return local.astimezone(UTC)
