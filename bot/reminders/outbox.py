"""Planning deliveries: one outbox row per (what, whom, which occurrence), inserted idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from bot.clock import STOCKHOLM, as_utc, utcnow
from bot.ui.model import Message
from storage.models import OutboxMessage, OutboxStatus
from storage.upsert import insert_ignore, insert_ignore_many

OUTBOX: Table = OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Delivery:
    key: str  # what, to whom, which occurrence: planning the same key twice keeps one row
    kind: str
    recipient_id: int
    message: Message
    due_at: datetime | None = None

    def row(self, now: datetime) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "recipient_id": self.recipient_id,
            "payload": self.message.to_payload(),
            "due_at": as_utc(self.due_at) if self.due_at else now,
            "status": OutboxStatus.PENDING.value,
            "attempts": 0,
            "created_at": now,
        }


def plan(
    session: Session,
    *,
    key: str,
    kind: str,
    recipient_id: int,
    message: Message,
    due_at: datetime | None = None,
) -> bool:
    """Plan a delivery. Planning the same key again changes nothing and returns False."""
    return insert_ignore(session, OUTBOX, Delivery(key, kind, recipient_id, message, due_at).row(utcnow()))


def plan_all(session: Session, deliveries: list[Delivery]) -> int:
    """Plan several deliveries in one statement; keys already planned are left as they are.
    Returns how many were new."""
    now = utcnow()
    return insert_ignore_many(session, OUTBOX, [d.row(now) for d in deliveries])


def plan_new(session: Session, deliveries: list[Delivery]) -> None:
    """`plan_all` for a hot path that needs no count back: one executemany, no RETURNING."""
    if deliveries:
        now = utcnow()
        insert = (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(OUTBOX)
        session.connection().execute(insert.on_conflict_do_nothing(), [d.row(now) for d in deliveries])


def cancel(session: Session, key_prefix: str) -> int:
    """Cancel pending deliveries whose key starts with a prefix (e.g. a follow-up that was done)."""
    stmt = (
        update(OUTBOX)
        .where(OUTBOX.c.key.startswith(key_prefix), OUTBOX.c.status == OutboxStatus.PENDING.value)
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
