"""Pure figures from rows: counts, shares within targets and median days. No I/O, no suppression.

Definitions (docs/statistik.md):
- an avvikelse belongs to the period of its reporting date; it was investigated within the local target
  when it was closed on or before its due date; the share counts those closed or past the target;
- a case deadline belongs to the period of its last legal day; met: decided on or before that day;
  extended: decided within an extension with a documented reason; late: decided after, or still open
  after the (extended) due date; ongoing: open and not yet due (left out of the shares); cancelled
  deadlines are left out altogether.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.statistik.source import AvvRow, DeadlineRow, LexRow

MET, EXTENDED, LATE, ONGOING, CANCELLED = "inom", "forlangd", "sen", "pagaende", "avbruten"
SERIOUS = frozenset({"allvarligt", "risk_allvarligt"})


@dataclass
class AvvFigures:
    total: int = 0
    by_unit: Counter[int] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_subject: Counter[str] = field(default_factory=Counter)
    by_origin: Counter[str] = field(default_factory=Counter)
    by_state: Counter[str] = field(default_factory=Counter)
    closed: int = 0
    judged: int = 0  # closed, or open past the target: the base of the share within target
    within: int = 0
    feedback: int = 0
    days_to_close: list[int] = field(default_factory=list)
    judged_by_unit: Counter[int] = field(default_factory=Counter)
    within_by_unit: Counter[int] = field(default_factory=Counter)
    days_by_unit: dict[int, list[int]] = field(default_factory=dict)


def origin_group(origin: str) -> str:
    return "intern" if origin == "intern" else "extern"


def avvikelser(rows: Iterable[AvvRow], today: date) -> AvvFigures:
    f = AvvFigures()
    for r in rows:
        f.total += 1
        f.by_unit[r.unit_id] += 1
        f.by_category[r.category] += 1
        f.by_subject[r.subject] += 1
        f.by_origin[origin_group(r.origin)] += 1
        f.by_state[r.status] += 1
        if r.closed is not None:
            f.closed += 1
            f.feedback += r.feedback
            days = (r.closed - r.reported).days
            f.days_to_close.append(days)
            f.days_by_unit.setdefault(r.unit_id, []).append(days)
        if r.closed is not None or today > r.due:
            f.judged += 1
            f.judged_by_unit[r.unit_id] += 1
            if r.closed is not None and r.closed <= r.due:
                f.within += 1
                f.within_by_unit[r.unit_id] += 1
    return f


@dataclass
class LexFigures:
    total: int = 0
    by_assessment: Counter[str | None] = field(default_factory=Counter)
    days_to_decision: list[int] = field(default_factory=list)
    days_to_ivo: list[int] = field(default_factory=list)
    ivo: int = 0


def lex_sarah(rows: Iterable[LexRow]) -> LexFigures:
    f = LexFigures()
    for r in rows:
        f.total += 1
        f.by_assessment[r.assessment] += 1
        if r.decided is not None:
            f.days_to_decision.append((r.decided - r.reported).days)
        if r.ivo is not None:
            f.ivo += 1
            f.days_to_ivo.append((r.ivo - r.reported).days)
    return f


def classify(d: DeadlineRow, today: date) -> str:
    if d.status == "avbruten":
        return CANCELLED
    if d.decided is None:
        if today <= d.due:
            return ONGOING
        return LATE
    if d.decided <= d.last_day:
        return MET
    if d.extension_reason and d.decided <= d.due:
        return EXTENDED
    return LATE


@dataclass
class DeadlineGroup:
    met: int = 0
    extended: int = 0
    late: int = 0
    ongoing: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.met + self.extended + self.late + self.ongoing

    @property
    def judged(self) -> int:
        return self.met + self.extended + self.late


@dataclass
class DeadlineFigures:
    by_kind: dict[str, DeadlineGroup] = field(default_factory=dict)
    by_kind_unit: dict[tuple[str, int | None], DeadlineGroup] = field(default_factory=dict)


def deadlines(rows: Iterable[DeadlineRow], today: date, *, per_unit: bool = True) -> DeadlineFigures:
    f = DeadlineFigures()
    by_kind, by_kind_unit = f.by_kind, f.by_kind_unit
    for d in rows:  # the hot loop of a year's report (100,000 rows): kept flat
        outcome = classify(d, today)
        if outcome == CANCELLED:
            continue
        groups = [by_kind.get(d.kind) or by_kind.setdefault(d.kind, DeadlineGroup())]
        if per_unit:
            key = (d.kind, d.unit_id)
            groups.append(by_kind_unit.get(key) or by_kind_unit.setdefault(key, DeadlineGroup()))
        days = (d.decided - d.start).days if d.decided is not None else None
        for g in groups:
            if outcome == MET:
                g.met += 1
            elif outcome == EXTENDED:
                g.extended += 1
            elif outcome == LATE:
                g.late += 1
            else:
                g.ongoing += 1
            if days is not None:
                g.days.append(days)
    return f
