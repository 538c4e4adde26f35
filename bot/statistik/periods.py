"""Reporting periods: a year (2026), a tertial (2026T2), a half year (2026H1) or a range (2026-03-01..2026-06-30).

Pure: parsing, neighbouring periods and the tertials a span touches. Tertials follow the compilations
three times a year: T1 January–April, T2 May–August, T3 September–December.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from bot.statistik import texts as t

MIN_YEAR, MAX_YEAR = 2000, 2100
_YEAR = re.compile(r"^(\d{4})$")
_TERTIAL = re.compile(r"^(\d{4})T([1-3])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})H([12])$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class PeriodError(ValueError):
    """Input that is not a period; `message` is Swedish and says what to write instead."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str  # year | tertial | half | range
    label: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def year(y: int) -> Period:
    _check_year(y)
    return Period(date(y, 1, 1), date(y, 12, 31), "year", str(y))


def tertial(y: int, n: int) -> Period:
    _check_year(y)
    first_month = 1 + 4 * (n - 1)
    start = date(y, first_month, 1)
    return Period(start, start + relativedelta(months=4) - timedelta(days=1), "tertial", f"{y}T{n}")


def half(y: int, n: int) -> Period:
    _check_year(y)
    start = date(y, 1 + 6 * (n - 1), 1)
    return Period(start, start + relativedelta(months=6) - timedelta(days=1), "half", f"{y}H{n}")


def span(start: date, end: date) -> Period:
    if start > end:
        raise PeriodError(t.ERR_PERIOD_ORDER.format(start=start.isoformat(), end=end.isoformat()))
    _check_year(start.year)
    _check_year(end.year)
    return Period(start, end, "range", f"{start.isoformat()}..{end.isoformat()}")


def _check_year(y: int) -> None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise PeriodError(t.ERR_PERIOD_YEAR.format(low=MIN_YEAR, high=MAX_YEAR))


def parse(raw: str) -> Period:
    text = raw.strip()
    if m := _YEAR.match(text):
        return year(int(m.group(1)))
    if m := _TERTIAL.match(text):
        return tertial(int(m.group(1)), int(m.group(2)))
    if m := _HALF.match(text):
        return half(int(m.group(1)), int(m.group(2)))
    if m := _RANGE.match(text):
        try:
            start, end = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
        except ValueError as exc:
            raise PeriodError(t.ERR_PERIOD.format(raw=raw[:40])) from exc
        return span(start, end)
    raise PeriodError(t.ERR_PERIOD.format(raw=raw[:40]))


def tertial_of(day: date) -> Period:
    return tertial(day.year, (day.month - 1) // 4 + 1)


def previous(period: Period) -> Period:
    """The period just before: the previous tertial, half year or year; for a range, as many days earlier."""
    if period.kind == "range":
        return span(period.start - timedelta(days=period.days), period.start - timedelta(days=1))
    before = period.start - timedelta(days=1)
    if period.kind == "tertial":
        return tertial_of(before)
    if period.kind == "half":
        return half(before.year, 1 if before.month <= 6 else 2)
    return year(before.year)


def same_last_year(period: Period) -> Period:
    if period.kind == "range":
        return span(period.start - relativedelta(years=1), period.end - relativedelta(years=1))
    return parse(period.label.replace(str(period.start.year), str(period.start.year - 1), 1))


def tertials_between(start: date, end: date) -> list[Period]:
    """Every tertial that overlaps [start, end], in order."""
    out: list[Period] = []
    current = tertial_of(start)
    while current.start <= end:
        out.append(current)
        current = tertial_of(current.end + timedelta(days=1))
    return out
