"""Compute a deadline from its trigger date, with every step explained in Swedish.

Pure functions. Days are counted with the trigger day as day 0 (receipt + 14); weeks and months end
on the same weekday or date, or on the last day of a month that lacks that date (1930:173 1 §). For
statutory limits the last day moves to the next weekday when it falls on a day 2 § excludes; "genast"
duties and local targets never move.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from lotsen.deadlines.calendar import is_excluded_day, next_working_day
from lotsen.deadlines.rules import Rule, RuleSet, Unit, default_rules

MIN_START = date(2000, 1, 1)
MAX_START = date(2100, 12, 31)

_DAYS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


class InvalidStart(ValueError):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def short(d: date, *, year: bool = False) -> str:
    """`tors 24 dec` (or `tors 24 dec 2026`)."""
    text = f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if year else text


@dataclass(frozen=True)
class DeadlineResult:
    kind: str
    name: str
    start: date
    statutory_date: date  # where the limit ends before any move
    due: date  # the last day: moved under 1930:173 where that applies
    legal_basis: str
    statutory: bool
    applies_1930_173: bool
    moved: bool
    steps: tuple[str, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        return " → ".join(self.steps)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "name": self.name,
            "start": self.start.isoformat(),
            "statutory_date": self.statutory_date.isoformat(),
            "due": self.due.isoformat(),
            "legal_basis": self.legal_basis,
            "statutory": self.statutory,
            "applies_1930_173": self.applies_1930_173,
            "moved": self.moved,
            "explanation": self.summary,
            "steps": list(self.steps),
        }


def add_length(start: date, rule: Rule) -> date:
    if rule.unit is Unit.GENAST:
        return start
    if rule.unit is Unit.DAGAR:
        return start + timedelta(days=rule.length)
    if rule.unit is Unit.VECKOR:
        return start + timedelta(weeks=rule.length)
    return start + relativedelta(months=rule.length)  # clamps to the month's last day (1930:173 1 §)


def check_start(start: date) -> None:
    if start < MIN_START:
        raise InvalidStart(f"Startdatum {start.isoformat()} är för tidigt; Lotsen räknar från 2000-01-01.")
    if start > MAX_START:
        raise InvalidStart(f"Startdatum {start.isoformat()} ligger orimligt långt fram.")


def compute_rule(rule: Rule, start: date) -> DeadlineResult:
    check_start(start)
    statutory_date = add_length(start, rule)
    steps: list[str] = []
    if rule.unit is Unit.GENAST:
        steps.append(f"genast: samma dag, {short(start, year=True)}; flyttas aldrig")
        due, moved = start, False
    else:
        steps.append(f"{rule.length_text()} från {short(start, year=True)}")
        notes = []
        if rule.unit is Unit.MANADER and statutory_date.day != start.day:
            notes.append("månadens sista dag")
        reason = is_excluded_day(statutory_date)
        if rule.applies_1930_173 and reason is not None:
            notes.append(reason)
        steps.append(short(statutory_date) + (f" ({'; '.join(notes)})" if notes else ""))
        if rule.applies_1930_173 and reason is not None:
            due, moved = next_working_day(statutory_date), True
            steps.append(f"sista dag {short(due)} enligt lag (1930:173)")
        else:
            due, moved = statutory_date, False
            if not rule.statutory:
                steps.append("lokalt mål, flyttas inte")
            elif reason is not None:
                steps.append(f"flyttas inte ({reason}; lag 1930:173 tillämpas inte på denna frist)")
    return DeadlineResult(
        kind=rule.key,
        name=rule.name,
        start=start,
        statutory_date=statutory_date,
        due=due,
        legal_basis=rule.legal_basis,
        statutory=rule.statutory,
        applies_1930_173=rule.applies_1930_173,
        moved=moved,
        steps=tuple(steps),
    )


def compute(kind: str, start: date, rules: RuleSet | None = None) -> DeadlineResult:
    """Raises UnknownKind (Swedish message listing valid kinds) or InvalidStart."""
    rule_set = rules or default_rules()
    return compute_rule(rule_set.resolve(kind), start)


def resolve_kind(name: str, rules: RuleSet | None = None) -> Rule:
    return (rules or default_rules()).resolve(name)
