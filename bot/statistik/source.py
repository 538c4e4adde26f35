"""Read what the statistics need from storage: dates, units, kinds and states, never case content.

Columns are selected one by one (no free text is loaded). Lex Sarah is read defensively: the workflow
is being extended, so a field this code looks for may be missing; it is then reported as absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import DateTime, type_coerce
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from bot.clock import STOCKHOLM, to_local
from storage.models import AuditEntry, Avvikelse, OutboxMessage, OutboxStatus, Person, Unit
from storage.models.frist import CaseDeadline
from storage.models.lex_sarah import LexSarahReport

# Where the lex Sarah model keeps its dates; the first present attribute wins.
LXS_DECISION_FIELDS = ("decided_at", "assessed_at")
LXS_IVO_FIELDS = ("ivo_reported_on", "ivo_reported_at", "ivo_sent_on")
LXS_ASSESSMENT_FIELDS = ("assessment", "standpoint")
FEEDBACK_KIND = "avvikelse_aterkoppling"
FHB_DECISIONS = ("beslut_inleda", "beslut_inte_inleda")


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    parent_id: int | None
    chef_id: int | None


class AvvRow(NamedTuple):
    number: str
    reported: date
    unit_id: int
    category: str
    subject: str
    origin: str
    status: str
    due: date
    closed: date | None
    feedback: bool


class LexRow(NamedTuple):
    number: str
    reported: date
    unit_id: int
    status: str
    assessment: str | None
    decided: date | None
    ivo: date | None


class DeadlineRow(NamedTuple):
    id: int
    kind: str
    unit_id: int | None
    handlaggare_id: int
    start: date
    statutory: date
    last_day: date  # the last legal day (1930:173), before any extension
    due: date  # after an extension
    decided: date | None  # decision or closing date
    status: str
    outcome: str | None
    extension_reason: str | None


@dataclass
class Dataset:
    units: dict[int, UnitInfo]
    avvikelser: list[AvvRow] = field(default_factory=list)
    lex_sarah: list[LexRow] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)
    lex_missing: tuple[str, ...] = ()  # lex Sarah fields this version of the model lacks


def _utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants covering the local days start..end (inclusive)."""
    low = datetime.combine(start, time.min, STOCKHOLM).astimezone(UTC)
    high = datetime.combine(end + timedelta(days=1), time.min, STOCKHOLM).astimezone(UTC)
    return low, high


def _local_day(moment: datetime | None) -> date | None:
    """The Stockholm date of a UTC instant. Stockholm is one or two hours ahead of UTC, never behind, so
    before 22:00 UTC the date is the UTC date (the fast path for 100,000 rows); later, ask the zone."""
    if moment is None:
        return None
    if moment.tzinfo is None or moment.tzinfo is UTC:  # naive values are UTC (SQLite, read without decorator)
        return moment.date() if moment.hour < 22 else to_local(moment).date()
    return to_local(moment).date()


def _raw(column: Any) -> Any:
    """A timestamp column read without the UTCDateTime decorator (100,000 rows: the decorator's per-row
    conversion costs more than the query); `_local_day` treats the naive values as UTC."""
    return type_coerce(column, DateTime(timezone=True))


def units(session: Session) -> dict[int, UnitInfo]:
    return {u.id: UnitInfo(u.id, u.code, u.name, u.parent_id, u.chef_id)
            for u in session.exec(select(Unit)) if u.id is not None}


def people_names(session: Session) -> dict[int, str]:
    rows = session.exec(select(Person.id, Person.name)).all()
    return {pid: name for pid, name in rows if pid is not None}


def avvikelser(session: Session, start: date, end: date) -> list[AvvRow]:
    low, high = _utc_bounds(start, end)
    feedback = {
        key.split(":")[1]
        for key, status in session.exec(select(OutboxMessage.key, OutboxMessage.status)
                                        .where(OutboxMessage.kind == FEEDBACK_KIND)).all()
        if status not in (OutboxStatus.CANCELLED.value, OutboxStatus.FAILED.value) and key.count(":") >= 2
    }
    table: Any = Avvikelse.__table__  # type: ignore[attr-defined]
    c = table.c
    query = columns(c.number, _raw(c.created_at), c.unit_id, c.category, c.subject, c.origin, c.status,
                    c.due_date, _raw(c.closed_at)).where(c.created_at >= low, c.created_at < high)
    query = query.order_by(c.created_at, c.id)
    out = []
    for number, created, unit_id, category, subject, origin, status, due, closed in session.execute(query).all():
        reported = _local_day(created)
        assert reported is not None
        out.append(AvvRow(number, reported, unit_id, category, subject, origin, status, due, _local_day(closed),
                          number in feedback))
    return out


def _first_attr(obj: Any, names: Iterable[str]) -> tuple[bool, Any]:
    for name in names:
        if hasattr(obj, name):
            return True, getattr(obj, name)
    return False, None


def _as_day(value: object) -> date | None:
    if isinstance(value, datetime):
        return to_local(value).date()
    if isinstance(value, date):
        return value
    return None


def lex_sarah(session: Session, start: date, end: date) -> tuple[list[LexRow], tuple[str, ...]]:
    low, high = _utc_bounds(start, end)
    missing: set[str] = set()
    out = []
    query = select(LexSarahReport).where(col(LexSarahReport.created_at) >= low,
                                         col(LexSarahReport.created_at) < high)
    for r in session.exec(query):
        has_decision, decided = _first_attr(r, LXS_DECISION_FIELDS)
        has_ivo, ivo = _first_attr(r, LXS_IVO_FIELDS)
        _, assessment = _first_attr(r, LXS_ASSESSMENT_FIELDS)
        if not has_decision:
            missing.add("ställningstagande")
        if not has_ivo:
            missing.add("anmälan till IVO")
        out.append(LexRow(r.number, to_local(r.created_at).date(), r.unit_id, r.status,
                          str(assessment) if assessment else None, _as_day(decided), _as_day(ivo)))
    return out, tuple(sorted(missing))


def decision_dates(session: Session, ids: set[int] | None = None) -> dict[int, date]:
    """The decision date a handläggare gave for a förhandsbedömning (it may precede the registration)."""
    out: dict[int, date] = {}
    query = select(AuditEntry.entity_ref, AuditEntry.changes).where(
        AuditEntry.entity_type == "frist", col(AuditEntry.action).in_(FHB_DECISIONS))
    for ref, changes in session.exec(query).all():
        try:
            ident = int(str(ref).removeprefix("F-"))
            decided = date.fromisoformat(str((changes or {})["decided_on"]))
        except (KeyError, ValueError):
            continue
        if ids is None or ident in ids:
            out[ident] = decided
    return out


def deadlines(session: Session, start: date | None = None, end: date | None = None) -> list[DeadlineRow]:
    """Deadlines whose last legal day falls in start..end (all of them without bounds)."""
    table: Any = CaseDeadline.__table__  # type: ignore[attr-defined]
    c = table.c
    query = columns(c.id, c.kind, c.unit_id, c.handlaggare_id, c.trigger_date, c.statutory_date, c.original_due,
                    c.due_date, _raw(c.closed_at), c.status, c.outcome, c.extension_reason)
    query = query.order_by(c.original_due, c.id)
    if start is not None:
        query = query.where(c.original_due >= start)
    if end is not None:
        query = query.where(c.original_due <= end)
    decided_on = decision_dates(session)
    out = []
    for (ident, kind, unit_id, holder, trigger, statutory, last_day, due, closed, status, outcome,
         reason) in session.execute(query).all():
        decided = decided_on.get(ident) if closed is not None else None
        out.append(DeadlineRow(ident, kind, unit_id, holder, trigger, statutory, last_day, due,
                               decided or _local_day(closed), status, outcome, reason))
    return out


def load(session: Session, start: date, end: date) -> Dataset:
    """Everything reported (avvikelser, lex Sarah) or due (frister) from start to end."""
    lex_rows, missing = lex_sarah(session, start, end)
    return Dataset(units=units(session), avvikelser=avvikelser(session, start, end), lex_sarah=lex_rows,
                   deadlines=deadlines(session, start, end), lex_missing=missing)
