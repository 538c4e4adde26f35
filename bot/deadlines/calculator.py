"""Compute a deadline from its trigger date, with every step explained in Swedish.

Pure functions: no clock, no database, no I/O beyond reading the rule file once (default_rules).

Counting (legal.md §4):
- dagar: the trigger day is day 0, so 14 dagar from 10 Dec is 24 Dec.
- veckor and månader, lag (1930:173) 1 §: the limit ends on the same weekday or the same date as the
  trigger day; if the final month lacks that date, on the month's last day (31 Oct + 4 months =
  28/29 Feb).
- lag (1930:173) 2 §: for a statutory limit whose rule says so, a last day on an excluded day
  (calendar.is_excluded_day) moves to the next weekday that is not excluded.
- "genast" duties and local targets never move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from bot.deadlines import texts as t
from bot.deadlines.calendar import excluded_days, is_excluded_day, next_working_day
from bot.deadlines.kinds import DeadlineRule, Unit

if TYPE_CHECKING:  # rules.py imports pydantic; `lotsen frist`'s fast path computes without it
    from bot.deadlines.rules import Rule, RuleSet

MIN_START = date(2000, 1, 1)
MAX_START = date(2100, 12, 31)

short = t.short  # kept here for callers that format dates like the explanations do


class InvalidStart(ValueError):
    """A start date outside what Lotsen counts (before 2000 or absurdly far ahead); Swedish message."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class DeadlineResult:
    """One computed deadline.

    statutory_date is where the limit ends before any move; due is the last legal day (moved under
    1930:173 where that applies, else equal to statutory_date). Reminders should count against
    statutory_date (legal.md §4, product rule) and show due as "sista dag enligt 1930:173".
    """

    kind: str  # the rule's ASCII key
    name: str  # Swedish display name
    start: date
    statutory_date: date
    due: date
    legal_basis: str
    statutory: bool  # False: a local target, not law
    applies_1930_173: bool  # the rule allows a move under 1930:173 2 §
    moved: bool  # 1930:173 2 § actually moved the last day (due > statutory_date)
    steps: tuple[str, ...]  # every step, in Swedish, as full sentences
    summary: str  # one line: "14 dagar från tors 10 dec 2026 → tors 24 dec (julafton) → sista dag …"
    length: int = 0
    unit: str = ""
    warnings: tuple[str, ...] = ()  # e.g. a start date before the limit came into force

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: dates as ISO strings, `explanation` is the one-line summary."""
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
            "length": self.length,
            "unit": self.unit,
            "explanation": self.summary,
            "steps": list(self.steps),
            "warnings": list(self.warnings),
        }


def add_months(start: date, months: int) -> date:
    """Lag (1930:173) 1 §: the same date `months` later, or that month's last day if it lacks the date."""
    return start + relativedelta(months=months)  # relativedelta clamps to the month's last day


def add_length(start: date, rule: DeadlineRule) -> date:
    """Where the limit ends before any 1930:173 move (the statutory date)."""
    if rule.unit is Unit.GENAST:
        return start
    if rule.unit is Unit.DAGAR:
        return start + timedelta(days=rule.length)
    if rule.unit is Unit.VECKOR:
        return start + timedelta(weeks=rule.length)
    return add_months(start, rule.length)


def check_start(start: date) -> None:
    """Raises TypeError for a datetime (convert to a local date first) and InvalidStart out of range."""
    if isinstance(start, datetime) or not isinstance(start, date):
        raise TypeError(f"start must be a datetime.date, got {type(start).__name__}")
    if start < MIN_START:
        raise InvalidStart(t.ERR_START_TOO_EARLY.format(start=start.isoformat()))
    if start > MAX_START:
        raise InvalidStart(t.ERR_START_TOO_LATE.format(start=start.isoformat(), max=MAX_START.isoformat()))


def _arithmetic_step(rule: DeadlineRule, start: date, end: date) -> str:
    fields = {"length": rule.length_text(), "start": t.short(start, year=True), "end": t.short(end, year=True)}
    if rule.unit is Unit.DAGAR:
        return t.STEP_DAYS.format(**fields)
    if rule.unit is Unit.VECKOR:
        return t.STEP_WEEKS.format(**fields)
    if end.day != start.day:
        return t.STEP_MONTHS_CLAMPED.format(**fields, month_name=t.MONTH_NAMES[end.month - 1], year=end.year,
                                            day=t.ordinal(start.day))
    return t.STEP_MONTHS_SAME.format(**fields)


@lru_cache(maxsize=4096)
def compute_rule(rule: DeadlineRule, start: date) -> DeadlineResult:
    """The deadline of `rule` counted from `start`. Raises InvalidStart (Swedish message).

    Remembered per rule and date (a rule is an immutable value, the result too): every avvikelse filed
    on a day asks for the same six weeks, and the explanation's steps cost more than the arithmetic."""
    check_start(start)
    statutory_date = add_length(start, rule)
    long_start = t.short(start, year=True)
    steps: list[str] = [
        t.STEP_START.format(start=long_start, counts_from=rule.counts_from)
        if rule.counts_from else t.STEP_START_PLAIN.format(start=long_start)
    ]
    in_force = rule.in_force_from if rule.in_force_from is not None and start < rule.in_force_from else None
    warnings = [t.STEP_IN_FORCE.format(in_force=t.short(in_force, year=True))] if in_force else []

    due = statutory_date
    if rule.unit is Unit.GENAST:
        steps.append(t.STEP_GENAST.format(start=long_start))
        parts = [t.SUMMARY_GENAST.format(start=long_start)]
    else:
        steps.append(_arithmetic_step(rule, start, statutory_date))
        reason = is_excluded_day(statutory_date)
        long_end = t.short(statutory_date, year=True)
        notes = []
        if rule.unit is Unit.MANADER and statutory_date.day != start.day:
            notes.append(t.NOTE_MONTH_END)
        if rule.applies_1930_173 and reason is not None:
            notes.append(reason)
        parts = [
            t.SUMMARY_FROM.format(length=rule.length_text(), start=long_start),
            t.short(statutory_date) + (f" ({'; '.join(notes)})" if notes else ""),
        ]
        if not rule.statutory:
            extra = f", även om {long_end} är {reason}" if reason is not None else ""
            steps.append(t.STEP_LOCAL.format(reason=extra))
            parts.append(t.SUMMARY_LOCAL)
        elif reason is None:
            steps.append(t.STEP_STATUTORY_WORKING.format(end=long_end))
        elif rule.applies_1930_173:
            due = next_working_day(statutory_date)
            steps.append(t.STEP_EXCLUDED.format(end=long_end, reason=reason))
            skipped = excluded_days(statutory_date + timedelta(days=1), due - timedelta(days=1))
            if skipped:
                steps.append(t.STEP_SKIPPED.format(days=", ".join(f"{t.short(d)} ({why})" for d, why in skipped)))
            steps.append(t.STEP_MOVED.format(due=t.short(due, year=True)))
            parts.append(t.SUMMARY_MOVED.format(due=t.short(due)))
        else:
            steps.append(t.STEP_NOT_APPLIED.format(end=long_end, reason=reason))
            parts.append(t.SUMMARY_NOT_MOVED.format(reason=reason))
    if in_force is not None:
        parts.append(t.SUMMARY_IN_FORCE.format(in_force=t.short(in_force, year=True)))
    steps.extend(warnings)
    return DeadlineResult(
        kind=rule.key,
        name=rule.name,
        start=start,
        statutory_date=statutory_date,
        due=due,
        legal_basis=rule.legal_basis,
        statutory=rule.statutory,
        applies_1930_173=rule.applies_1930_173,
        moved=due != statutory_date,
        steps=tuple(steps),
        summary=" → ".join(parts),
        length=rule.length,
        unit=rule.unit.value,
        warnings=tuple(warnings),
    )


def resolve_kind(name: str, rules: RuleSet | None = None) -> Rule:
    """The rule for an ASCII key or alias (any case, å/ä/ö or not). Raises UnknownKind (Swedish)."""
    if rules is None:
        from bot.deadlines.rules import default_rules

        rules = default_rules()
    return rules.resolve(name)


def compute(kind: str, start: date, rules: RuleSet | None = None) -> DeadlineResult:
    """The deadline of `kind` counted from `start`, with the shipped (or configured) rules by default.

    Raises UnknownKind or InvalidStart, both with a Swedish `.message`.
    """
    return compute_rule(resolve_kind(kind, rules), start)
