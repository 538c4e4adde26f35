"""Statutory and local deadlines (frister) for IFO barn och familj: rules as data, a Swedish calendar
under lag (1930:173), and a calculator that explains every step in Swedish.

Public API (pure; the only I/O is reading the rule file):

    compute(kind, start, rules=None) -> DeadlineResult
    resolve_kind(name, rules=None) -> Rule
    load_rules(path) / parse_rules(text) / default_rules() -> RuleSet
    is_excluded_day(day) -> str | None, next_working_day, previous_working_day,
    add_working_days, working_days_between, excluded_days

Errors carry a Swedish `.message`: UnknownKind, InvalidStart, RuleSetError.
"""

from typing import TYPE_CHECKING, Any

from bot.deadlines.calculator import (
    MAX_START,
    MIN_START,
    DeadlineResult,
    InvalidStart,
    add_months,
    compute,
    compute_rule,
    resolve_kind,
)
from bot.deadlines.calendar import (
    add_working_days,
    excluded_days,
    is_excluded_day,
    is_working_day,
    midsommarafton,
    next_working_day,
    previous_working_day,
    working_days_between,
)
from bot.deadlines.kinds import RuleSetError, Unit, UnknownKind

if TYPE_CHECKING:
    from bot.deadlines.rules import (
        DEFAULT_RULES,
        Rule,
        RuleSet,
        clear_rules_cache,
        default_rules,
        load_rules,
        parse_rules,
    )

# rules.py validates with pydantic: imported on first use, so that the calculator and the calendar
# (and `lotsen frist`'s fast path, bot/cli/frist_fast.py) work without it.
_FROM_RULES = {"DEFAULT_RULES", "Rule", "RuleSet", "clear_rules_cache", "default_rules", "load_rules",
               "parse_rules"}


def __getattr__(name: str) -> Any:
    if name in _FROM_RULES:
        from bot.deadlines import rules

        return getattr(rules, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_RULES",
    "MAX_START",
    "MIN_START",
    "DeadlineResult",
    "InvalidStart",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "Unit",
    "UnknownKind",
    "add_months",
    "add_working_days",
    "clear_rules_cache",
    "compute",
    "compute_rule",
    "default_rules",
    "excluded_days",
    "is_excluded_day",
    "is_working_day",
    "load_rules",
    "midsommarafton",
    "next_working_day",
    "parse_rules",
    "previous_working_day",
    "resolve_kind",
    "working_days_between",
]
