"""What the outbox holds, for those who run Lotsen: counts per state, the oldest waiting row, and the rows
that failed or were set aside, named by kind, recipient, due time and error: never their content."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select

from bot.clock import STOCKHOLM, utcnow
from bot.reminders.outbox import OUTBOX
from storage.db import Database
from storage.models import OutboxStatus, Person

PERSON = Person.__table__  # type: ignore[attr-defined]
LISTED = (OutboxStatus.FAILED.value, OutboxStatus.SET_ASIDE.value)
LIST_LIMIT = 200


@dataclass(frozen=True)
class Problem:
    id: int
    status: str
    kind: str
    recipient: str
    due_at: str
    attempts: int
    crashes: int
    error: str
    reference: str | None


@dataclass(frozen=True)
class OutboxStatusReport:
    counts: dict[str, int]
    due_now: int  # pending rows already due
    oldest_due_at: str | None  # the pending row waiting longest
    oldest_age_seconds: float | None
    expired_claims: int  # sending, lease ran out: a dispatcher died; reclaimed on the next tick
    problems: list[Problem]
    problems_total: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def outbox_status(db: Database, now: datetime | None = None) -> OutboxStatusReport:
    now = now or utcnow()
    pending = OUTBOX.c.status == OutboxStatus.PENDING.value
    with db.read() as session:
        counts = {status.value: 0 for status in OutboxStatus}
        counts |= {str(s): int(n) for s, n in session.execute(
            select(OUTBOX.c.status, func.count()).group_by(OUTBOX.c.status))}
        due_now = int(session.execute(select(func.count()).where(pending, OUTBOX.c.due_at <= now)).scalar_one())
        oldest = session.execute(select(func.min(OUTBOX.c.due_at)).where(pending, OUTBOX.c.due_at <= now)).scalar()
        expired = int(session.execute(select(func.count()).where(
            OUTBOX.c.status == OutboxStatus.SENDING.value, OUTBOX.c.lease_until < now)).scalar_one())
        listed = OUTBOX.c.status.in_(LISTED)
        total = int(session.execute(select(func.count()).where(listed)).scalar_one())
        rows = session.execute(
            select(OUTBOX.c.id, OUTBOX.c.status, OUTBOX.c.kind, OUTBOX.c.due_at, OUTBOX.c.planned_for,
                   OUTBOX.c.attempts, OUTBOX.c.crashes, OUTBOX.c.last_error, OUTBOX.c.reference,
                   PERSON.c.name, PERSON.c.key)
            .select_from(OUTBOX.join(PERSON, and_(PERSON.c.id == OUTBOX.c.recipient_id)))
            .where(listed).order_by(OUTBOX.c.due_at.desc()).limit(LIST_LIMIT)).all()
    if oldest is not None and oldest.tzinfo is None:  # SQLite's aggregate comes back naive (stored as UTC)
        oldest = oldest.replace(tzinfo=UTC)
    problems = [
        Problem(id=r.id, status=r.status, kind=r.kind, recipient=f"{r.name} ({r.key})",
                due_at=_local(r.planned_for or r.due_at), attempts=r.attempts, crashes=r.crashes,
                error=r.last_error or "", reference=r.reference)
        for r in rows
    ]
    return OutboxStatusReport(
        counts=counts, due_now=due_now, oldest_due_at=_local(oldest) if oldest else None,
        oldest_age_seconds=(now - oldest).total_seconds() if oldest else None, expired_claims=expired,
        problems=problems, problems_total=total)


def _local(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def age_phrase(seconds: float) -> str:
    delta = timedelta(seconds=int(seconds))
    if delta < timedelta(minutes=1):
        return f"{delta.seconds} s"
    if delta < timedelta(hours=1):
        return f"{delta.seconds // 60} min"
    if delta < timedelta(days=1):
        return f"{delta.seconds // 3600} h {delta.seconds % 3600 // 60} min"
    return f"{delta.days} d {delta.seconds // 3600} h"


def planned_between(db: Database, first: date, last: date) -> dict[str, dict[str, int]]:
    """Pending rows due from `first` through `last` (Stockholm days), counted per day and kind."""
    from bot.reminders.outbox import morning_of

    start = morning_of(first, 0)
    end = morning_of(last + timedelta(days=1), 0)
    out: dict[str, dict[str, int]] = {}
    with db.read() as session:
        for due_at, kind in session.execute(
            select(OUTBOX.c.due_at, OUTBOX.c.kind).where(
                OUTBOX.c.status == OutboxStatus.PENDING.value, OUTBOX.c.due_at >= start, OUTBOX.c.due_at < end)
            .order_by(OUTBOX.c.due_at)):
            day = _local(due_at)[:10]
            out.setdefault(day, {})
            out[day][kind] = out[day].get(kind, 0) + 1
    return out


def undelivered_for(db: Database, person_id: int | None, *, days: int = 30, limit: int = 10) -> list[str]:
    """Lines for App Home: this person's deliveries that failed or were set aside lately (no content)."""
    from bot.reminders import texts as t

    if person_id is None:
        return []
    since = utcnow() - timedelta(days=days)
    with db.read() as session:
        rows = session.execute(
            select(OUTBOX.c.kind, OUTBOX.c.reference, OUTBOX.c.planned_for, OUTBOX.c.due_at)
            .where(OUTBOX.c.recipient_id == person_id, OUTBOX.c.status.in_(LISTED), OUTBOX.c.due_at >= since)
            .order_by(OUTBOX.c.due_at.desc()).limit(limit)).all()
    return [t.HOME_UNDELIVERED_LINE.format(what=t.KIND_NAMES.get(r.kind, r.kind), reference=r.reference or "-",
                                           due=_local(r.planned_for or r.due_at)) for r in rows]
