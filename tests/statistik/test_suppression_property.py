"""For any history, no table of any report holds a count under 3 (property test over random rows)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.statistik import periods
from bot.statistik.report import Labels, Scope, build
from bot.statistik.source import Dataset
from tests.statistik.helpers import UNITS, avv, deadline, lex

DAY0 = date(2025, 1, 1)
SMALL_IN_TEXT = re.compile(r"(^|\s)[0-2] (avvikelser|lex Sarah|anmäldes)")
days = st.integers(min_value=0, max_value=700)
avv_rows = st.lists(st.tuples(st.integers(1, 4), days, st.none() | st.integers(0, 90),
                              st.sampled_from(["Dokumentation", "Samverkan", "Bemötande"])), max_size=40)
deadline_rows = st.lists(st.tuples(st.sampled_from(["forhandsbedomning", "utredning"]), st.integers(1, 4), days,
                                   st.none() | st.integers(-10, 40), st.booleans()), max_size=40)
lex_rows = st.lists(st.tuples(st.integers(1, 4), days, st.sampled_from([None, "inget", "allvarligt"])), max_size=8)


@settings(max_examples=60, deadline=None)
@given(avv_rows, deadline_rows, lex_rows, st.sampled_from(["2026T1", "2026T2", "2025", "2025H2"]))
def test_no_count_under_three_anywhere(a: list[tuple[int, int, int | None, str]],
                                       d: list[tuple[str, int, int, int | None, bool]],
                                       lx: list[tuple[int, int, str | None]], label: str) -> None:
    rows = [avv(n, unit, DAY0 + timedelta(days=day), closed_after=closed, category=cat)
            for n, (unit, day, closed, cat) in enumerate(a)]
    dls = []
    for n, (kind, unit, day, decided_after, extended) in enumerate(d):
        start = DAY0 + timedelta(days=day)
        last = start + timedelta(days=14)
        decided = last + timedelta(days=decided_after) if decided_after is not None else None
        dls.append(deadline(n, kind, unit, start, last, decided, due=last + timedelta(days=20) if extended else None,
                            reason="Skäl." if extended else None))
    lexes = [lex(n, unit, DAY0 + timedelta(days=day), assessment) for n, (unit, day, assessment) in enumerate(lx)]
    report = build(Dataset(UNITS, rows, lexes, dls), periods.parse(label), Scope("Alla", None), date(2026, 9, 1),
                   Labels({}, {}))
    for table in report.tables():
        for row in table.rows:
            assert all(not (isinstance(c, int) and c < 3) for c in row), (table.key, row)
    for section in report.sections:
        assert not SMALL_IN_TEXT.search(section.text), section.text
