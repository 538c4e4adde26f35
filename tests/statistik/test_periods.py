"""Period parsing: years, tertials, half years and ranges; anything else is a clear Swedish refusal."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.cli.main import app
from bot.statistik import periods
from bot.statistik.periods import PeriodError

years = st.integers(min_value=2001, max_value=2099)


@given(years, st.integers(min_value=1, max_value=3))
def test_tertial_round_trip_and_bounds(y: int, n: int) -> None:
    p = periods.parse(f"{y}T{n}")
    assert p.label == f"{y}T{n}" and periods.parse(p.label) == p
    assert (p.start, p.end.month) == (date(y, 4 * n - 3, 1), 4 * n)
    assert (p.end + timedelta(days=1)).day == 1  # the month's last day


@given(years)
def test_tertials_and_halves_partition_the_year(y: int) -> None:
    for parts in ([periods.parse(f"{y}T{n}") for n in (1, 2, 3)], [periods.parse(f"{y}H{n}") for n in (1, 2)]):
        assert parts[0].start == date(y, 1, 1) and parts[-1].end == date(y, 12, 31)
        for a, b in pairwise(parts):
            assert b.start == a.end + timedelta(days=1)
        assert sum(p.days for p in parts) == periods.parse(str(y)).days


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
       st.integers(min_value=0, max_value=400))
def test_range_round_trip_previous_and_last_year(start: date, length: int) -> None:
    end = min(start + timedelta(days=length), date(2099, 12, 31))
    p = periods.parse(f"{start.isoformat()}..{end.isoformat()}")
    assert (p.start, p.end, p.kind) == (start, end, "range")
    before = periods.previous(p)
    assert before.days == p.days and before.end == start - timedelta(days=1)
    assert periods.same_last_year(p).start.year == start.year - 1


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)))
def test_every_day_lies_in_its_tertial_and_previous_is_adjacent(day: date) -> None:
    t = periods.tertial_of(day)
    assert t.contains(day)
    assert periods.previous(t).end + timedelta(days=1) == t.start
    assert periods.same_last_year(t).label == f"{day.year - 1}T{t.label[-1]}"


@given(st.text(max_size=30))
def test_anything_else_is_refused_in_swedish_or_parsed(raw: str) -> None:
    try:
        p = periods.parse(raw)
    except PeriodError as exc:
        assert exc.message.startswith("Ogiltig period")
    else:
        assert p.start <= p.end


@pytest.mark.parametrize("raw", ["2026T4", "2026T0", "2026H3", "26", "2026-02-30..2026-03-01",
                                 "2026-06-30..2026-03-01", "1999", "våren 2026", ""])
def test_bad_periods(raw: str) -> None:
    with pytest.raises(PeriodError):
        periods.parse(raw)


def test_tertials_between_a_year_and_a_half() -> None:
    labels = [p.label for p in periods.tertials_between(date(2025, 5, 1), date(2026, 8, 31))]
    assert labels == ["2025T2", "2025T3", "2026T1", "2026T2"]


def test_cli_bad_period_exits_2_with_a_swedish_message(runner: CliRunner, cli_db: str) -> None:
    result = runner.invoke(app, ["rapport", "--period", "2026T5", "--format", "csv"])
    assert result.exit_code == 2
    assert "Ogiltig period: '2026T5'" in result.output and "Traceback" not in result.output
