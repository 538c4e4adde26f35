"""Deadline arithmetic: worked examples checked against a printed calendar, and properties over a century."""

from __future__ import annotations

import calendar as pycal
from datetime import date, timedelta
from pathlib import Path

import pytest
from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

from lotsen.deadlines.calculator import InvalidStart, compute, resolve_kind
from lotsen.deadlines.calendar import is_excluded_day, next_working_day
from lotsen.deadlines.rules import DEFAULT_RULES, RuleSetError, UnknownKind, load_rules

# (kind, start, statutory_date, due): each checked by hand against a printed calendar.
WORKED = [
    ("forhandsbedomning", "2026-12-10", "2026-12-24", "2026-12-28"),  # julafton → mån 28 dec (legal.md §4)
    ("utredning", "2026-08-31", "2026-12-31", "2027-01-04"),  # nyårsafton, nyårsdagen, helg (legal.md §4)
    ("lvu_understallning", "2026-12-18", "2026-12-25", "2026-12-28"),  # juldagen (legal.md §4)
    ("utredning", "2026-10-31", "2027-02-28", "2027-03-01"),  # month lacks the 31st; 28 feb is a Sunday
    ("utredning", "2023-10-31", "2024-02-29", "2024-02-29"),  # leap year, a Thursday
    ("forhandsbedomning", "2027-03-12", "2027-03-26", "2027-03-30"),  # långfredag, påsk, annandag påsk
    ("lvu_ansokan", "2027-05-28", "2027-06-25", "2027-06-28"),  # midsommarafton 2027
    ("aterkoppling_anmalare", "2026-12-24", "2026-12-31", "2027-01-04"),
    ("forhandsbedomning", "2026-11-22", "2026-12-06", "2026-12-07"),  # Sunday → Monday
    ("forhandsbedomning", "2027-04-22", "2027-05-06", "2027-05-07"),  # Kristi himmelsfärdsdag
    ("forhandsbedomning", "2028-05-23", "2028-06-06", "2028-06-07"),  # nationaldagen on a Tuesday
    ("overvagande_placering", "2026-08-31", "2027-02-28", "2027-03-01"),
    ("utredning", "2027-01-31", "2027-05-31", "2027-05-31"),  # a Monday: nothing moves
    ("skyddsbedomning", "2026-12-24", "2026-12-24", "2026-12-24"),  # genast never moves
    ("avvikelse_utredning", "2026-11-22", "2027-01-03", "2027-01-03"),  # local target on a Sunday stays
    ("ej_verkstallt_beslut", "2026-09-19", "2026-12-19", "2026-12-19"),  # no 1930:173 for this limit
]


@pytest.mark.parametrize(("kind", "start", "statutory", "due"), WORKED)
def test_worked_examples(kind: str, start: str, statutory: str, due: str) -> None:
    result = compute(kind, date.fromisoformat(start))
    assert (result.statutory_date.isoformat(), result.due.isoformat()) == (statutory, due)
    assert result.moved == (statutory != due)


def test_explanation_reads_like_the_issue_asks() -> None:
    result = compute("förhandsbedömning", date(2026, 12, 10))
    assert result.summary == (
        "14 dagar från tors 10 dec 2026 → tors 24 dec (julafton) → sista dag mån 28 dec enligt lag (1930:173)"
    )
    assert result.legal_basis.startswith("20 kap. 2 § SoL 2025:400") and "11 kap. 1 a §" in result.legal_basis
    clamp = compute("utredning", date(2026, 10, 31)).summary
    assert "sön 28 feb (månadens sista dag; söndag)" in clamp
    assert "lokalt mål, flyttas inte" in compute("avvikelse_utredning", date(2026, 11, 22)).summary


@pytest.mark.parametrize("name", ["forhandsbedomning", "förhandsbedömning", "Förhandsbedömning", "FHB",
                                  "FORHANDSBEDOMNING", "förhands-bedömning"[:0] + "forhandsbedomning"])
def test_kind_names_work_in_ascii_and_swedish(name: str) -> None:
    assert resolve_kind(name).key == "forhandsbedomning"


def test_all_issue_kinds_exist() -> None:
    for key in ["skyddsbedomning", "forhandsbedomning", "utredning", "aterkoppling_anmalare", "uppfoljning",
                "overvagande_placering", "lvu_understallning", "lvu_ansokan", "lvu_overvagande",
                "ej_verkstallt_beslut", "avvikelse_utredning", "lvu_underställning", "återkoppling_anmälare",
                "övervägande_placering", "ej_verkställt_beslut", "lvu_ansökan", "lvu_övervägande"]:
        assert resolve_kind(key)


def test_unknown_kind_and_bad_dates_are_refused_in_swedish() -> None:
    with pytest.raises(UnknownKind) as exc:
        compute("utreding", date(2026, 1, 1))
    assert "Okänd typ av frist: 'utreding'" in exc.value.message and "utredning" in exc.value.message
    with pytest.raises(InvalidStart, match="2000-01-01"):
        compute("utredning", date(1999, 12, 31))
    with pytest.raises(InvalidStart, match="orimligt"):
        compute("utredning", date(2101, 1, 1))


statutory_kinds = st.sampled_from(["forhandsbedomning", "utredning", "aterkoppling_anmalare", "overvagande_placering",
                                   "lvu_understallning", "lvu_ansokan", "lvu_overvagande"])
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(statutory_kinds, starts)
def test_a_statutory_last_day_is_never_a_day_the_law_excludes(kind: str, start: date) -> None:
    result = compute(kind, start)
    assert is_excluded_day(result.due) is None
    assert result.statutory_date <= result.due <= result.statutory_date + timedelta(days=5)
    # The first working day: every day skipped over is excluded.
    day = result.statutory_date
    while day < result.due:
        assert is_excluded_day(day) is not None
        day += timedelta(days=1)


@given(st.sampled_from(["utredning", "overvagande_placering", "ej_verkstallt_beslut", "uppfoljning"]), starts)
def test_months_end_on_the_same_date_or_the_months_last_day(kind: str, start: date) -> None:
    months = resolve_kind(kind).length
    result = compute(kind, start)
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    expected_day = min(start.day, pycal.monthrange(year, month)[1])
    assert result.statutory_date == date(year, month, expected_day)


@given(st.sampled_from(["lvu_understallning", "lvu_ansokan", "aterkoppling_anmalare", "avvikelse_utredning"]), starts)
def test_weeks_end_on_the_same_weekday(kind: str, start: date) -> None:
    result = compute(kind, start)
    assert result.statutory_date.weekday() == start.weekday()
    assert (result.statutory_date - start).days == 7 * resolve_kind(kind).length


@given(st.sampled_from(["skyddsbedomning", "avvikelse_utredning", "lex_sarah_utredning", "ej_verkstallt_beslut",
                        "uppfoljning"]), starts)
def test_genast_local_targets_and_unmoved_limits_never_move(kind: str, start: date) -> None:
    result = compute(kind, start)
    assert result.due == result.statutory_date and not result.moved


@given(st.integers(min_value=2000, max_value=2100))
def test_holidays_of_every_year(year: int) -> None:
    sunday = easter(year)  # dateutil's own Easter algorithm, independent of the holidays package
    assert "långfredagen" in str(is_excluded_day(sunday - timedelta(days=2)))
    assert "annandag påsk" in str(is_excluded_day(sunday + timedelta(days=1)))
    assert "kristi himmelsfärdsdag" in str(is_excluded_day(sunday + timedelta(days=39)))  # 2008: also 1 May
    assert is_excluded_day(sunday - timedelta(days=3)) in (None,)  # skärtorsdagen is a working day
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    assert is_excluded_day(midsummer_eve) == "midsommarafton"
    assert is_excluded_day(date(year, 12, 24)) is not None and is_excluded_day(date(year, 12, 31)) is not None
    for fixed in [(1, 1), (1, 6), (5, 1), (12, 25), (12, 26)]:
        assert is_excluded_day(date(year, *fixed)) is not None
    # Since 2005 nationaldagen is a helgdag and annandag pingst is not (SFS 2004:1072).
    whit_monday = sunday + timedelta(days=50)
    if year >= 2005:
        assert is_excluded_day(date(year, 6, 6)) is not None
        assert whit_monday == date(year, 6, 6) or is_excluded_day(whit_monday) is None
    else:
        assert "annandag pingst" in str(is_excluded_day(whit_monday))
    assert is_excluded_day(date(year, 4, 30)) in (None, "lördag", "söndag")  # valborgsmässoafton is not excluded
    if date(year, 1, 5).weekday() < 5:
        assert is_excluded_day(date(year, 1, 5)) is None  # trettondagsafton is a working day


@given(starts)
def test_next_working_day_is_idempotent_and_never_earlier(day: date) -> None:
    nxt = next_working_day(day)
    assert nxt >= day and next_working_day(nxt) == nxt and is_excluded_day(nxt) is None


def test_rules_are_data_and_a_bad_file_is_named(tmp_path: Path) -> None:
    rules = load_rules(DEFAULT_RULES)
    custom = tmp_path / "rules.yml"
    head = "key: avvikelse_utredning\n    name: Utredning av avvikelse (lokalt mål)\n    aliases: [avvikelse]\n"
    text = DEFAULT_RULES.read_text(encoding="utf-8")
    assert head + "    length: 6" in text
    custom.write_text(text.replace(head + "    length: 6", head + "    length: 4"), encoding="utf-8")
    four_weeks = compute("avvikelse_utredning", date(2026, 11, 2), load_rules(custom))
    assert four_weeks.due == date(2026, 11, 30)
    assert compute("avvikelse_utredning", date(2026, 11, 2), rules).due == date(2026, 12, 14)
    broken = tmp_path / "broken.yml"
    broken.write_text("rules:\n  - key: x\n    name: X\n    length: 3\n    unit: år\n    statutory: true\n"
                      "    applies_1930_173: true\n    legal_basis: x\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match=r"broken\.yml har fel"):
        load_rules(broken)
    local = tmp_path / "local.yml"
    local.write_text("rules:\n  - key: x\n    name: X\n    length: 3\n    unit: dagar\n    statutory: false\n"
                     "    applies_1930_173: true\n    legal_basis: x\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match="bara lagstadgade"):
        load_rules(local)
    with pytest.raises(RuleSetError, match="Kan inte läsa"):
        load_rules(tmp_path / "missing.yml")
