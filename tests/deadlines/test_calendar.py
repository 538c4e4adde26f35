"""The Swedish calendar of lag (1930:173): hand-checked years, an independent oracle over a century,
and the working-day helpers reminders use.

Expected values never come from the code under test: the 2026/2027 tables were checked against GNU
`date` and legal.md §4's list of 2026 dates; the century oracle is the `holidays` package (which the
module does not use) plus the days 1930:173 2 § adds, and dateutil's Easter.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

import holidays
import pytest
from dateutil.easter import easter
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.deadlines.calendar import (
    add_working_days,
    easter_sunday,
    excluded_days,
    is_excluded_day,
    is_working_day,
    midsommarafton,
    next_working_day,
    previous_working_day,
    working_days_between,
)

D = date.fromisoformat
FIRST, LAST = date(2000, 1, 1), date(2101, 12, 31)
days = st.dates(min_value=FIRST, max_value=LAST - timedelta(days=30))
years = st.integers(min_value=2000, max_value=2100)

# legal.md §4, "2026 dates that trigger the rule", plus their weekdays per GNU date.
WEEKDAY_EXCLUSIONS_2026 = {
    D("2026-01-01"): "nyårsdagen",  # tors
    D("2026-01-06"): "trettondedag jul",  # tis
    D("2026-04-03"): "långfredagen",  # fre
    D("2026-04-06"): "annandag påsk",  # mån
    D("2026-05-01"): "första maj",  # fre
    D("2026-05-14"): "Kristi himmelsfärdsdag",  # tors
    D("2026-06-19"): "midsommarafton",  # fre
    D("2026-12-24"): "julafton",  # tors
    D("2026-12-25"): "juldagen",  # fre
    D("2026-12-31"): "nyårsafton",  # tors
}
# 2027: 1 maj is a Saturday, 6 jun a Sunday, 25–26 dec a weekend.
WEEKDAY_EXCLUSIONS_2027 = {
    D("2027-01-01"), D("2027-01-06"), D("2027-03-26"), D("2027-03-29"), D("2027-05-06"),
    D("2027-06-25"), D("2027-12-24"), D("2027-12-31"),
}


def weekday_exclusions(year: int) -> set[date]:
    day, out = date(year, 1, 1), set()
    while day.year == year:
        if day.weekday() < 5 and is_excluded_day(day) is not None:
            out.add(day)
        day += timedelta(days=1)
    return out


def test_2026_weekday_exclusions_are_exactly_legal_md_list_with_swedish_reasons() -> None:
    assert weekday_exclusions(2026) == set(WEEKDAY_EXCLUSIONS_2026)
    for day, reason in WEEKDAY_EXCLUSIONS_2026.items():
        assert is_excluded_day(day) == reason


def test_2027_weekday_exclusions() -> None:
    assert weekday_exclusions(2027) == WEEKDAY_EXCLUSIONS_2027


@pytest.mark.parametrize(("day", "reason"), [
    ("2026-06-06", "nationaldagen"),  # a Saturday: the holiday's name wins over "lördag"
    ("2026-06-20", "midsommardagen"),
    ("2026-10-31", "alla helgons dag"),
    ("2026-04-05", "påskdagen"),
    ("2026-05-24", "pingstdagen"),
    ("2026-12-26", "annandag jul"),
    ("2027-12-26", "annandag jul"),  # a Sunday
    ("2023-12-24", "julafton"),  # a Sunday
    ("2022-12-31", "nyårsafton"),  # a Saturday
    ("2026-11-07", "lördag"),
    ("2026-11-08", "söndag"),
    ("2004-05-31", "annandag pingst"),  # a helgdag until 2005 (SFS 2004:1072)
])
def test_reasons_are_swedish(day: str, reason: str) -> None:
    assert is_excluded_day(D(day)) == reason


@pytest.mark.parametrize("day", [
    "2026-01-05",  # trettondagsafton
    "2026-04-02",  # skärtorsdagen
    "2026-04-30",  # valborgsmässoafton
    "2026-05-25",  # annandag pingst, not a helgdag since 2005
    "2003-06-06",  # nationaldagen was not a helgdag before 2005 (a Friday)
    "2026-12-23",
    "2026-11-02",  # the Monday after alla helgons dag
])
def test_days_the_law_does_not_exclude(day: str) -> None:
    assert is_excluded_day(D(day)) is None and is_working_day(D(day))


@cache
def oracle(year: int) -> frozenset[date]:
    """Every excluded day of a year: the `holidays` package's allmänna helgdagar (lag 1989:253; it
    covers up to 2100), or for later years the same rules from dateutil's Easter, plus what
    1930:173 2 § adds (Saturdays, Sundays, midsommarafton, julafton, nyårsafton)."""
    out = {d for d in (date(year, 1, 1) + timedelta(days=i) for i in range(366))
           if d.year == year and d.weekday() >= 5}
    out |= {date(year, 12, 24), date(year, 12, 31)}
    out |= {date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4}  # midsommarafton
    if year <= 2100:
        out |= set(holidays.country_holidays("SE", years=year, include_sundays=False))
    else:
        sunday = easter(year)
        out |= {date(year, m, d) for m, d in [(1, 1), (1, 6), (5, 1), (6, 6), (12, 25), (12, 26)]}
        out |= {sunday - timedelta(days=2), sunday + timedelta(days=1), sunday + timedelta(days=39)}
    return frozenset(out)


def test_every_day_of_the_century_matches_the_independent_oracle() -> None:
    day, mismatches = FIRST, []
    while day <= LAST:
        if (is_excluded_day(day) is not None) != (day in oracle(day.year)):
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize(("year", "sunday"), [
    (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2019, "2019-04-21"),
    (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
    (2038, "2038-04-25"),  # the latest possible date
])
def test_easter_by_hand(year: int, sunday: str) -> None:
    assert easter_sunday(year) == D(sunday)


def test_easter_matches_dateutil_for_three_centuries() -> None:
    assert [y for y in range(1900, 2201) if easter_sunday(y) != easter(y)] == []


def test_coinciding_holidays_share_the_date() -> None:
    assert is_excluded_day(D("2008-05-01")) == "första maj och Kristi himmelsfärdsdag"
    assert is_excluded_day(D("2049-06-06")) == "pingstdagen och nationaldagen"


@given(years)
def test_easter_dependent_holidays(year: int) -> None:
    sunday = easter(year)  # dateutil's algorithm, independent of the holidays package
    assert is_excluded_day(sunday - timedelta(days=2)) == "långfredagen"
    assert is_excluded_day(sunday) == "påskdagen"
    assert is_excluded_day(sunday + timedelta(days=1)) == "annandag påsk"
    # Kristi himmelsfärdsdag can coincide with första maj (2008), pingstdagen with nationaldagen (2049).
    assert "Kristi himmelsfärdsdag" in str(is_excluded_day(sunday + timedelta(days=39)))
    assert "pingstdagen" in str(is_excluded_day(sunday + timedelta(days=49)))
    whit_monday = is_excluded_day(sunday + timedelta(days=50))
    assert (whit_monday == "annandag pingst") == (year < 2005)
    assert is_excluded_day(sunday - timedelta(days=3)) is None  # skärtorsdagen is a working day
    assert is_excluded_day(sunday - timedelta(days=1)) is not None  # påskafton: a Saturday


@given(years)
def test_midsommar_and_alla_helgon(year: int) -> None:
    eve = midsommarafton(year)
    assert eve.weekday() == 4 and date(year, 6, 19) <= eve <= date(year, 6, 25)
    assert is_excluded_day(eve) == "midsommarafton"
    assert is_excluded_day(eve + timedelta(days=1)) == "midsommardagen"
    assert is_excluded_day(eve - timedelta(days=1)) is None  # the Thursday before is a working day
    [saturday] = [date(year, 10, 31) + timedelta(days=i) for i in range(7)
                  if (date(year, 10, 31) + timedelta(days=i)).weekday() == 5]
    assert is_excluded_day(saturday) == "alla helgons dag"


@given(years)
def test_christmas_new_year_and_fixed_days(year: int) -> None:
    assert is_excluded_day(date(year, 12, 24)) == "julafton"
    assert is_excluded_day(date(year, 12, 25)) == "juldagen"
    assert is_excluded_day(date(year, 12, 26)) == "annandag jul"
    assert is_excluded_day(date(year, 12, 31)) == "nyårsafton"
    assert is_excluded_day(date(year, 1, 1)) == "nyårsdagen"
    assert is_excluded_day(date(year, 1, 6)) == "trettondedag jul"
    assert "första maj" in str(is_excluded_day(date(year, 5, 1)))
    assert ("nationaldagen" in str(is_excluded_day(date(year, 6, 6)))) == (year >= 2005)


def test_no_run_of_excluded_days_is_longer_than_five() -> None:
    # Longest: julafton on a Wednesday (ons 24 – sön 28 dec, e.g. 2025) or lör 22 – ons 26 dec (e.g. 2001).
    # This bounds how far 1930:173 can move a last day: at most 5 days.
    longest, run, day = 0, 0, FIRST
    while day <= LAST:
        run = run + 1 if is_excluded_day(day) is not None else 0
        longest = max(longest, run)
        day += timedelta(days=1)
    assert longest == 5


@given(days)
def test_next_and_previous_working_day(day: date) -> None:
    nxt, prev = next_working_day(day), previous_working_day(day)
    assert is_excluded_day(nxt) is None and is_excluded_day(prev) is None
    assert prev <= day <= nxt and (nxt - prev).days <= 8
    assert all(is_excluded_day(day + timedelta(days=i)) is not None for i in range((nxt - day).days))
    assert all(is_excluded_day(day - timedelta(days=i)) is not None for i in range((day - prev).days))
    assert (nxt == day) == (prev == day) == (is_excluded_day(day) is None)


@settings(max_examples=60)
@given(days, st.integers(min_value=-15, max_value=15))
def test_add_working_days_and_working_days_between_agree(day: date, n: int) -> None:
    start = next_working_day(day)
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert working_days_between(end, start) == -n
    assert is_excluded_day(end) is None and (end > start) == (n > 0)


@pytest.mark.parametrize(("start", "end", "count"), [
    ("2026-12-23", "2026-12-28", 1),  # ons → mån over julafton, juldagen, annandag jul and a Sunday
    ("2026-12-18", "2026-12-28", 4),  # fre → mån: mån 21, tis 22, ons 23 and mån 28 dec
    ("2026-06-18", "2026-06-22", 1),  # tors → mån over midsommar
    ("2026-11-06", "2026-11-09", 1),  # fre → mån
    ("2026-11-09", "2026-11-09", 0),
    ("2026-11-09", "2026-11-06", -1),
])
def test_working_days_between_by_hand(start: str, end: str, count: int) -> None:
    assert working_days_between(D(start), D(end)) == count


@pytest.mark.parametrize(("day", "n", "expected"), [
    ("2026-12-23", 1, "2026-12-28"),
    ("2026-12-28", -1, "2026-12-23"),
    ("2026-04-02", 1, "2026-04-07"),  # skärtorsdagen → tisdagen efter annandag påsk
    ("2026-11-06", 3, "2026-11-11"),
    ("2026-11-07", 0, "2026-11-07"),  # n == 0 returns the day itself, even a Saturday
])
def test_add_working_days_by_hand(day: str, n: int, expected: str) -> None:
    assert add_working_days(D(day), n) == D(expected)


def test_excluded_days_lists_reasons() -> None:
    assert excluded_days(D("2026-12-23"), D("2026-12-28")) == [
        (D("2026-12-24"), "julafton"), (D("2026-12-25"), "juldagen"),
        (D("2026-12-26"), "annandag jul"), (D("2026-12-27"), "söndag"),
    ]


def test_a_datetime_is_refused_rather_than_silently_missing_holidays() -> None:
    with pytest.raises(TypeError):
        is_excluded_day(datetime(2026, 12, 25, 9, 0))
    with pytest.raises(TypeError):
        next_working_day(datetime(2026, 12, 25, 9, 0))
