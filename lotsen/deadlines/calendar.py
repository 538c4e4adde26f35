"""The Swedish calendar that lag (1930:173) counts with: which days are not working days, and why.

Allmänna helgdagar come from the `holidays` package (lag 1989:253 om allmänna helgdagar); the law on
counting statutory time adds Saturdays, midsommarafton, julafton and nyårsafton (2 § 1930:173).
Sundays are excluded as such. Påskdagen and pingstdagen fall on Sundays and are named anyway.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def _public_holidays(year: int) -> dict[date, str]:
    se = holidays.country_holidays("SE", years=year, include_sundays=False, language="sv")
    return {d: str(name).lower() for d, name in se.items()}


def midsommarafton(year: int) -> date:
    """The Friday between 19 and 25 June."""
    d = date(year, 6, 19)
    return d + timedelta(days=(4 - d.weekday()) % 7)


def is_excluded_day(day: date) -> str | None:
    """Why a limit may not end on this day (Swedish reason), or None for a working day."""
    named = _public_holidays(day.year).get(day)
    if named:
        return named
    if day == midsommarafton(day.year):
        return "midsommarafton"
    if (day.month, day.day) == (12, 24):
        return "julafton"
    if (day.month, day.day) == (12, 31):
        return "nyårsafton"
    if day.weekday() == 5:
        return "lördag"
    if day.weekday() == 6:
        return "söndag"
    return None


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, else the first working day after it."""
    while is_excluded_day(day) is not None:
        day += timedelta(days=1)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_excluded_day(day) is None:
            count += 1
    return count
