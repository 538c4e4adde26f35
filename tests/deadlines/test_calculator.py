"""Deadline arithmetic: worked examples checked by hand against a real calendar, and properties over a century.

Every date in WORKED was checked with GNU `date -d YYYY-MM-DD +%a` and the holiday list of legal.md §4;
none is computed with the code under test.
"""

from __future__ import annotations

import calendar as pycal
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.deadlines import compute, resolve_kind
from bot.deadlines.calculator import MAX_START, InvalidStart
from bot.deadlines.calendar import is_excluded_day
from bot.deadlines.rules import DEFAULT_RULES, UnknownKind, load_rules, parse_rules

RULES = load_rules(DEFAULT_RULES)  # the shipped file, whatever LOTSEN_DEADLINE_RULES says

# (kind, start, statutory_date, due, why)
WORKED = [
    # legal.md §4 worked examples
    ("forhandsbedomning", "2026-12-10", "2026-12-24", "2026-12-28", "tors → julafton; fre–sön excluded"),
    ("utredning", "2026-08-31", "2026-12-31", "2027-01-04", "nyårsafton, nyårsdagen, helg"),
    ("lvu_understallning", "2026-12-18", "2026-12-25", "2026-12-28", "juldagen, annandag jul, söndag"),
    ("utredning", "2026-10-31", "2027-02-28", "2027-03-01", "31 okt + 4 mån = 28 feb (sön)"),
    ("utredning", "2023-10-31", "2024-02-29", "2024-02-29", "leap year: 29 feb, a Thursday"),
    # julafton on a Wednesday: the longest move, five days
    ("forhandsbedomning", "2025-12-10", "2025-12-24", "2025-12-29", "ons julafton → mån 29 dec"),
    # Easter, Kristi himmelsfärd, nationaldagen, midsommar, alla helgon
    ("forhandsbedomning", "2027-03-12", "2027-03-26", "2027-03-30", "långfredag, påsk, annandag påsk"),
    ("aterkoppling_anmalare", "2026-03-27", "2026-04-03", "2026-04-07", "långfredag 2026"),
    ("forhandsbedomning", "2027-04-22", "2027-05-06", "2027-05-07", "Kristi himmelsfärdsdag"),
    ("forhandsbedomning", "2028-05-23", "2028-06-06", "2028-06-07", "nationaldagen on a Tuesday"),
    ("forhandsbedomning", "2003-05-23", "2003-06-06", "2003-06-06", "no nationaldag before 2005"),
    ("forhandsbedomning", "2004-05-17", "2004-05-31", "2004-06-01", "annandag pingst until 2004"),
    ("forhandsbedomning", "2026-06-05", "2026-06-19", "2026-06-22", "midsommarafton 2026"),
    ("lvu_ansokan", "2027-05-28", "2027-06-25", "2027-06-28", "midsommarafton 2027"),
    ("lvu_understallning", "2026-10-24", "2026-10-31", "2026-11-02", "alla helgons dag"),
    # nyårsafton, trettondedag jul; days that are *not* excluded
    ("aterkoppling_anmalare", "2026-12-24", "2026-12-31", "2027-01-04", "nyårsafton"),
    ("lvu_ansokan", "2026-12-03", "2026-12-31", "2027-01-04", "4 veckor → nyårsafton"),
    ("utredning", "2027-09-06", "2028-01-06", "2028-01-07", "trettondedag jul, a Thursday"),
    ("forhandsbedomning", "2026-12-22", "2027-01-05", "2027-01-05", "trettondagsafton is a working day"),
    ("forhandsbedomning", "2026-04-16", "2026-04-30", "2026-04-30", "valborgsmässoafton is a working day"),
    ("forhandsbedomning", "2026-11-22", "2026-12-06", "2026-12-07", "Sunday → Monday"),
    # month ends and leap years
    ("utredning", "2025-10-31", "2026-02-28", "2026-03-02", "28 feb 2026 is a Saturday"),
    ("utredning", "2027-10-29", "2028-02-29", "2028-02-29", "leap year, a Tuesday"),
    ("utredning", "2099-10-31", "2100-02-28", "2100-03-01", "2100 is not a leap year; 28 feb a Sunday"),
    ("utredning", "2027-01-31", "2027-05-31", "2027-05-31", "a Monday: nothing moves"),
    ("overvagande_placering", "2026-08-31", "2027-02-28", "2027-03-01", "6 mån, clamped, Sunday"),
    ("lvu_overvagande", "2026-05-01", "2026-11-01", "2026-11-02", "a Sunday"),
    ("lvu_overvagande", "2100-12-31", "2101-06-30", "2101-06-30", "past the holidays package's range"),
    # limits that never move
    ("skyddsbedomning", "2026-12-24", "2026-12-24", "2026-12-24", "genast never moves"),
    ("skyddsbedomning", "2026-11-07", "2026-11-07", "2026-11-07", "genast on a Saturday"),
    ("avvikelse_utredning", "2026-11-22", "2027-01-03", "2027-01-03", "local target on a Sunday stays"),
    ("lex_sarah_utredning", "2026-11-19", "2026-12-31", "2026-12-31", "local target on nyårsafton stays"),
    ("ej_verkstallt_beslut", "2026-09-19", "2026-12-19", "2026-12-19", "reporting limit: no 1930:173"),
    ("ej_verkstallt_beslut", "2026-11-30", "2027-02-28", "2027-02-28", "3 months, clamped to 28 feb"),
    ("ej_verkstallt_beslut", "2026-06-01", "2026-09-01", "2026-09-01", "3 months, not 90 days (30 aug)"),
    ("uppfoljning", "2026-08-31", "2027-02-28", "2027-02-28", "a longest time: not moved"),
]


@pytest.mark.parametrize(("kind", "start", "statutory", "due", "why"), WORKED, ids=[w[4] for w in WORKED])
def test_worked_examples(kind: str, start: str, statutory: str, due: str, why: str) -> None:
    result = compute(kind, date.fromisoformat(start), RULES)
    assert (result.statutory_date.isoformat(), result.due.isoformat()) == (statutory, due), why
    assert result.moved == (statutory != due)
    assert result.start == date.fromisoformat(start) and result.kind == kind


def test_summary_reads_like_the_issue_asks() -> None:
    result = compute("förhandsbedömning", date(2026, 12, 10), RULES)
    assert result.summary == (
        "14 dagar från tors 10 dec 2026 → tors 24 dec (julafton) → sista dag mån 28 dec enligt lag (1930:173)"
    )
    assert result.legal_basis == "20 kap. 2 § SoL 2025:400 (11 kap. 1 a § andra st. SoL 2001:453)"


@pytest.mark.parametrize(("kind", "start", "summary"), [
    ("utredning", "2026-10-31",
     "4 månader från lör 31 okt 2026 → sön 28 feb (månadens sista dag; söndag) → sista dag mån 1 mar "
     "enligt lag (1930:173)"),
    ("lvu_understallning", "2026-12-18",
     "1 vecka från fre 18 dec 2026 → fre 25 dec (juldagen) → sista dag mån 28 dec enligt lag (1930:173)"),
    ("forhandsbedomning", "2027-04-22",
     "14 dagar från tors 22 apr 2027 → tors 6 maj (Kristi himmelsfärdsdag) → sista dag fre 7 maj "
     "enligt lag (1930:173)"),
    ("utredning", "2027-01-31", "4 månader från sön 31 jan 2027 → mån 31 maj"),
    ("avvikelse_utredning", "2026-12-10", "6 veckor från tors 10 dec 2026 → tors 21 jan → lokalt mål, flyttas inte"),
    ("ej_verkstallt_beslut", "2026-09-19",
     "3 månader från lör 19 sep 2026 → lör 19 dec → flyttas inte (lördag; lag 1930:173 tillämpas inte på denna frist)"),
    ("skyddsbedomning", "2026-12-24", "genast: samma dag, tors 24 dec 2026; flyttas aldrig"),
])
def test_summaries(kind: str, start: str, summary: str) -> None:
    assert compute(kind, date.fromisoformat(start), RULES).summary == summary


def test_steps_explain_every_move() -> None:
    steps = compute("utredning", date(2026, 8, 31), RULES).steps
    assert steps == (
        "Fristen räknas från mån 31 aug 2026 (dagen då utredningen inleddes, dvs. beslutet att inleda den).",
        "4 månader från mån 31 aug 2026, samma datum (räknat som i lag (1930:173) 1 §): tors 31 dec 2026.",
        "tors 31 dec 2026 är nyårsafton; enligt lag (1930:173) 2 § får åtgärden vidtas nästa vardag.",
        "Dagar som hoppas över: fre 1 jan (nyårsdagen), lör 2 jan (lördag), sön 3 jan (söndag).",
        "Sista dag: mån 4 jan 2027 enligt lag (1930:173).",
    )
    clamped = compute("utredning", date(2026, 10, 31), RULES).steps
    assert any("februari 2027 har ingen 31:a" in s and "sön 28 feb 2027" in s for s in clamped)
    local = compute("avvikelse_utredning", date(2026, 11, 22), RULES).steps
    assert local[-1] == ("Lokalt mål, inte lag: lag (1930:173) gäller inte och sista dagen flyttas inte, "
                         "även om sön 3 jan 2027 är söndag.")
    genast = compute("skyddsbedomning", date(2026, 12, 24), RULES).steps
    assert "flyttas aldrig" in genast[-1] and "socialjouren" in genast[-1]


def test_a_start_before_the_rule_came_into_force_is_flagged() -> None:
    early = compute("aterkoppling_anmalare", date(2026, 1, 14), RULES)
    assert early.warnings and "15 jan 2026" in early.warnings[0] and "15 jan 2026" in early.summary
    assert compute("aterkoppling_anmalare", date(2026, 1, 15), RULES).warnings == ()


def test_to_dict_is_json_ready() -> None:
    data = compute("lvu_ansokan", date(2026, 12, 3), RULES).to_dict()
    assert data["start"] == "2026-12-03" and data["statutory_date"] == "2026-12-31" and data["due"] == "2027-01-04"
    assert data["legal_basis"] == "8 § LVU (1990:52)" and data["applies_1930_173"] is True
    assert data["statutory"] is True and data["moved"] is True
    assert str(data["explanation"]).startswith("4 veckor från tors 3 dec 2026 → tors 31 dec (nyårsafton)")
    assert isinstance(data["steps"], list) and len(data["steps"]) >= 3


@pytest.mark.parametrize("name", ["forhandsbedomning", "förhandsbedömning", "Förhandsbedömning", "FHB",
                                  "FORHANDSBEDOMNING", " förhandsbedömning ", "Forhandsbedömning"])
def test_kind_names_work_in_ascii_and_swedish(name: str) -> None:
    assert resolve_kind(name, RULES).key == "forhandsbedomning"


@pytest.mark.parametrize(("name", "key"), [
    ("skyddsbedomning", "skyddsbedomning"), ("Skyddsbedömning", "skyddsbedomning"),
    ("utredning", "utredning"), ("återkoppling_anmälare", "aterkoppling_anmalare"),
    ("uppföljning", "uppfoljning"), ("övervägande_placering", "overvagande_placering"),
    ("LVU underställning", "lvu_understallning"), ("lvu-ansökan", "lvu_ansokan"),
    ("lvu_övervägande", "lvu_overvagande"), ("LVU_omprövning", "lvu_overvagande"),
    ("ej_verkställt_beslut", "ej_verkstallt_beslut"), ("avvikelse_utredning", "avvikelse_utredning"),
    ("lex_sarah", "lex_sarah_utredning"),
])
def test_every_kind_of_the_issue_resolves(name: str, key: str) -> None:
    assert resolve_kind(name, RULES).key == key


def test_unknown_kind_is_refused_in_swedish_with_the_valid_kinds() -> None:
    with pytest.raises(UnknownKind) as exc:
        compute("utreding", date(2026, 1, 1), RULES)
    message = exc.value.message
    assert message.startswith("Okänd typ av frist: 'utreding'. Menade du 'utredning'?")
    for key in ["skyddsbedomning", "forhandsbedomning", "lvu_ansokan", "avvikelse_utredning"]:
        assert key in message
    with pytest.raises(UnknownKind) as far:
        compute("semester", date(2026, 1, 1), RULES)
    assert "Menade du" not in far.value.message


def test_dates_out_of_range_are_refused_in_swedish() -> None:
    with pytest.raises(InvalidStart, match="2000-01-01"):
        compute("utredning", date(1999, 12, 31), RULES)
    with pytest.raises(InvalidStart, match="orimligt långt fram"):
        compute("utredning", date(2101, 1, 1), RULES)
    assert compute("utredning", date(2000, 1, 1), RULES).statutory_date == date(2000, 5, 1)
    assert compute("utredning", MAX_START, RULES).statutory_date == date(2101, 4, 30)


def test_a_datetime_start_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        compute("utredning", datetime(2026, 8, 31, 23, 30), RULES)


# --- properties over a century ------------------------------------------------------------------

MOVING = ["forhandsbedomning", "utredning", "aterkoppling_anmalare", "overvagande_placering",
          "lvu_understallning", "lvu_ansokan", "lvu_overvagande"]
NEVER_MOVING = ["skyddsbedomning", "avvikelse_utredning", "lex_sarah_utredning", "ej_verkstallt_beslut", "uppfoljning"]
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def test_the_rule_file_moves_exactly_the_limits_expected() -> None:
    assert sorted(r.key for r in RULES.rules if r.applies_1930_173) == sorted(MOVING)
    assert {r.key for r in RULES.rules if not r.statutory} == {"avvikelse_utredning", "lex_sarah_utredning"}


@settings(max_examples=300)
@given(st.sampled_from(MOVING), starts)
def test_a_statutory_last_day_is_never_a_day_the_law_excludes(kind: str, start: date) -> None:
    result = compute(kind, start, RULES)
    assert is_excluded_day(result.due) is None
    assert result.statutory_date <= result.due <= result.statutory_date + timedelta(days=5)
    # The *first* working day: every day stepped over is excluded.
    day = result.statutory_date
    while day < result.due:
        assert is_excluded_day(day) is not None
        day += timedelta(days=1)
    assert result.moved == (is_excluded_day(result.statutory_date) is not None)


@given(st.sampled_from(["utredning", "overvagande_placering", "ej_verkstallt_beslut", "uppfoljning",
                        "lvu_overvagande"]), starts)
def test_months_end_on_the_same_date_or_the_months_last_day(kind: str, start: date) -> None:
    months = resolve_kind(kind, RULES).length
    result = compute(kind, start, RULES)
    year, month0 = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month0 + 1
    assert result.statutory_date == date(year, month, min(start.day, pycal.monthrange(year, month)[1]))


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


ONE_MONTH = parse_rules(
    "rules:\n  - {key: en_manad, name: En månad, length: 1, unit: månader, statutory: true,\n"
    "     applies_1930_173: true, legal_basis: test}\n"
)


@given(st.integers(min_value=2000, max_value=2099))
def test_month_ends_and_leap_years(year: int) -> None:
    # 31 jan + 1 month is the last day of February: the 29th in a leap year (2000 was one, 2100 is not).
    end_of_february = date(year, 2, 29 if is_leap(year) else 28)
    assert compute("en_manad", date(year, 1, 31), ONE_MONTH).statutory_date == end_of_february
    feb_end = date(year + 1, 2, 29 if is_leap(year + 1) else 28)
    assert compute("utredning", date(year, 10, 31), RULES).statutory_date == feb_end
    assert compute("ej_verkstallt_beslut", date(year, 11, 30), RULES).statutory_date == feb_end
    assert compute("lvu_overvagande", date(year, 8, 31), RULES).statutory_date == feb_end
    # 30 jan + 1 month: February lacks the 30th too; 28 feb + 1 month keeps the 28th.
    assert compute("en_manad", date(year, 1, 30), ONE_MONTH).statutory_date == end_of_february
    assert compute("en_manad", date(year, 2, 28), ONE_MONTH).statutory_date == date(year, 3, 28)


@given(st.sampled_from(["lvu_understallning", "lvu_ansokan", "aterkoppling_anmalare", "avvikelse_utredning"]), starts)
def test_weeks_end_on_the_same_weekday(kind: str, start: date) -> None:
    result = compute(kind, start, RULES)
    assert result.statutory_date.weekday() == start.weekday()
    assert (result.statutory_date - start).days == 7 * resolve_kind(kind, RULES).length


@given(starts)
def test_days_count_the_start_as_day_zero(start: date) -> None:
    assert (compute("forhandsbedomning", start, RULES).statutory_date - start).days == 14


@given(st.sampled_from(NEVER_MOVING), starts)
def test_genast_local_targets_and_unmoved_limits_never_move(kind: str, start: date) -> None:
    result = compute(kind, start, RULES)
    assert result.due == result.statutory_date and not result.moved
    if kind == "skyddsbedomning":
        assert result.due == start


@given(starts)
def test_julafton_nyarsafton_and_midsommarafton_are_never_a_last_day(start: date) -> None:
    for kind in ("forhandsbedomning", "lvu_understallning"):
        due = compute(kind, start, RULES).due
        assert (due.month, due.day) not in ((12, 24), (12, 25), (12, 26), (12, 31), (1, 1), (1, 6))
        assert not (due.month == 6 and 19 <= due.day <= 25 and due.weekday() == 4)  # midsommarafton
        assert due.weekday() < 5


@given(st.integers(min_value=2000, max_value=2100))
def test_a_limit_ending_on_an_eve_moves_past_the_holiday(year: int) -> None:
    # The eve is found by hand here: the Friday from 19 June; julafton/nyårsafton by date.
    eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    midsommar = compute("forhandsbedomning", eve - timedelta(days=14), RULES)
    assert midsommar.statutory_date == eve and midsommar.due == eve + timedelta(days=3)  # the Monday
    assert "(midsommarafton)" in midsommar.summary
    jul = compute("forhandsbedomning", date(year, 12, 10), RULES)
    assert jul.statutory_date == date(year, 12, 24) and "(julafton)" in jul.summary
    # after julafton, juldagen and annandag jul: 27 dec unless that is a weekend day
    assert jul.due == {5: date(year, 12, 29), 6: date(year, 12, 28)}.get(date(year, 12, 27).weekday(),
                                                                         date(year, 12, 27))
    nyar = compute("lvu_understallning", date(year, 12, 24), RULES)
    assert nyar.statutory_date == date(year, 12, 31) and nyar.due > date(year + 1, 1, 1)
    assert nyar.due.weekday() < 5 and nyar.due != date(year + 1, 1, 6)


@pytest.mark.parametrize(("start", "text"), [
    ("2026-10-31", "februari 2027 har ingen 31:a"),
    ("2026-10-30", "februari 2027 har ingen 30:e"),
    ("2026-10-29", "februari 2027 har ingen 29:e"),
    ("2025-05-31", "september 2025 har ingen 31:a"),
])
def test_month_end_step_uses_swedish_ordinals(start: str, text: str) -> None:
    steps = compute("utredning", date.fromisoformat(start), RULES).steps
    assert any(text in s for s in steps), steps
    assert not any("har ingen" in s for s in compute("utredning", date(2025, 1, 31), RULES).steps)  # 31 maj exists
