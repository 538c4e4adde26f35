"""The Swedish calendar that lag (1930:173) counts with: which days a limit may not end on, and why.

2 § of lag (1930:173) moves a statutory last day that falls on "en söndag, annan allmän helgdag,
lördag, midsommarafton, julafton eller nyårsafton" to the next weekday that is none of those.

The allmänna helgdagar are those of lag (1989:253) 1 §, computed here from the law's own rules
rather than taken from a package, so that every year works (the `holidays` package stops at 2100)
and the Swedish names are stable:

- fixed: nyårsdagen, trettondedag jul, första maj, juldagen, annandag jul, and from 2005
  nationaldagen (SFS 2004:1072; annandag pingst was a helgdag until 2004);
- from Easter: långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, pingstdagen;
- Saturdays in a window: midsommardagen (20–26 June), alla helgons dag (31 Oct–6 Nov);
- every Sunday (named "söndag" unless it is påskdagen, pingstdagen etc.).

1930:173 adds Saturdays, midsommarafton (the Friday 19–25 June), julafton and nyårsafton. Not
excluded: trettondagsafton, skärtorsdagen, påskafton as such (always a Saturday anyway),
valborgsmässoafton, annandag pingst from 2005, and "klämdagar". The tests check all of this against
the `holidays` package and dateutil's Easter, and against hand-checked years.

"Working day" (arbetsdag, vardag) below means a day that is not excluded in this sense; reminders
go out on such days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from bot.deadlines import texts as t

__all__ = [
    "add_working_days",
    "easter_sunday",
    "excluded_days",
    "is_excluded_day",
    "is_working_day",
    "midsommarafton",
    "next_working_day",
    "previous_working_day",
    "public_holidays",
    "working_days_between",
]

_ONE_DAY = timedelta(days=1)
NATIONALDAGEN_FROM = 2005  # SFS 2004:1072: nationaldagen replaces annandag pingst


def _check(day: object) -> date:
    # A datetime is a date subclass, but never equal to a date: the holiday lookup would silently miss.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}; convert to a local date first")
    return day


def easter_sunday(year: int) -> date:
    """Påskdagen in the Gregorian calendar (the anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day0 = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day0 + 1)


def _saturday_from(first: date) -> date:
    return first + timedelta(days=(5 - first.weekday()) % 7)


@lru_cache(maxsize=512)
def public_holidays(year: int) -> dict[date, str]:
    """The allmänna helgdagar of lag (1989:253) in `year` other than ordinary Sundays, by date.

    Two holidays on one date share it: "första maj och Kristi himmelsfärdsdag" (2008).
    """
    easter = easter_sunday(year)
    named = [
        (date(year, 1, 1), "nyårsdagen"),
        (date(year, 1, 6), "trettondedag jul"),
        (easter - timedelta(days=2), "långfredagen"),
        (easter, "påskdagen"),
        (easter + _ONE_DAY, "annandag påsk"),
        (date(year, 5, 1), "första maj"),
        (easter + timedelta(days=39), "Kristi himmelsfärdsdag"),
        (easter + timedelta(days=49), "pingstdagen"),
        (date(year, 6, 6), "nationaldagen") if year >= NATIONALDAGEN_FROM
        else (easter + timedelta(days=50), "annandag pingst"),
        (_saturday_from(date(year, 6, 20)), "midsommardagen"),
        (_saturday_from(date(year, 10, 31)), "alla helgons dag"),
        (date(year, 12, 25), "juldagen"),
        (date(year, 12, 26), "annandag jul"),
    ]
    out: dict[date, str] = {}
    for day, name in named:
        out[day] = f"{out[day]} och {name}" if day in out else name
    return out


def midsommarafton(year: int) -> date:
    """The Friday between 19 and 25 June (midsommardagen is the Saturday after)."""
    d = date(year, 6, 19)
    return d + timedelta(days=(4 - d.weekday()) % 7)


def is_excluded_day(day: date) -> str | None:
    """Why a statutory limit may not end on `day` (Swedish reason), or None for a working day.

    A named day wins over the weekday: 24 Dec on a Sunday is "julafton", 6 Jun on a Saturday is
    "nationaldagen". Reasons are lower case except "Kristi himmelsfärdsdag".
    """
    day = _check(day)
    named = public_holidays(day.year).get(day)
    if named:
        return named
    if day == midsommarafton(day.year):
        return t.MIDSOMMARAFTON
    if (day.month, day.day) == (12, 24):
        return t.JULAFTON
    if (day.month, day.day) == (12, 31):
        return t.NYARSAFTON
    if day.weekday() == 5:
        return t.SATURDAY
    if day.weekday() == 6:
        return t.SUNDAY
    return None


def is_working_day(day: date) -> bool:
    return is_excluded_day(day) is None


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first working day after it (1930:173 2 §)."""
    day = _check(day)
    while is_excluded_day(day) is not None:
        day += _ONE_DAY
    return day


def previous_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the last working day before it."""
    day = _check(day)
    while is_excluded_day(day) is not None:
        day -= _ONE_DAY
    return day


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after `day` (n > 0) or before it (n < 0); `day` itself when n == 0.

    add_working_days(fre, 1) is the next måndag (if it is a working day); add_working_days(mån, -1)
    is the fredag before. `day` itself need not be a working day.
    """
    day = _check(day)
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    for _ in range(abs(n)):
        day += step
        while is_excluded_day(day) is not None:
            day += step
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`.

    Friday → Monday is 1; a date to itself is 0; working_days_between(a, b) == -working_days_between(b, a).
    """
    start, end = _check(start), _check(end)
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += _ONE_DAY
        if is_excluded_day(day) is None:
            count += 1
    return count


def excluded_days(start: date, end: date) -> list[tuple[date, str]]:
    """Every excluded day from `start` to `end`, both included, with its reason."""
    start, end = _check(start), _check(end)
    out: list[tuple[date, str]] = []
    day = start
    while day <= end:
        reason = is_excluded_day(day)
        if reason is not None:
            out.append((day, reason))
        day += _ONE_DAY
    return out
