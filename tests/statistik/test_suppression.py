"""Small numbers never show: counts of 0, 1 and 2 are "<3" in every table, chart label and text; 3 shows."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from bot.statistik import charts, periods, suppression
from bot.statistik.model import Report
from bot.statistik.render import render
from bot.statistik.report import Labels, Scope, build
from tests.statistik.helpers import small_dataset

TODAY = date(2026, 10, 1)


@pytest.mark.parametrize(("n", "shown"), [(0, "<3"), (1, "<3"), (2, "<3"), (3, 3), (17, 17)])
def test_count(n: int, shown: object) -> None:
    assert suppression.count(n) == shown


@pytest.mark.parametrize(("part", "whole", "shown"), [
    (0, 0, None), (1, 1, "för få"), (1, 2, "för få"), (2, 2, "för få"), (1, 3, 33.3), (3, 3, 100.0), (0, 3, 0.0)])
def test_share_needs_a_base_of_three(part: int, whole: int, shown: object) -> None:
    assert suppression.share(part, whole) == shown


def test_median_needs_three_values() -> None:
    assert suppression.median_of([]) is None
    assert suppression.median_of([4]) == "för få" and suppression.median_of([4, 9]) == "för få"
    assert suppression.median_of([4, 9, 30]) == 9.0 and suppression.median_of([1, 2, 3, 4]) == 2.5


@pytest.fixture
def report() -> Report:
    return build(small_dataset(), periods.parse("2026T2"), Scope("Alla enheter", None), TODAY,
                 Labels(kinds={"forhandsbedomning": "Förhandsbedömning", "utredning": "Utredning"},
                        assessments={"inget": "Inget missförhållande"}))


def test_no_table_holds_a_count_under_three(report: Report) -> None:
    for table in report.tables():
        for row in table.rows:
            for cell in row:
                assert not (isinstance(cell, int) and cell < 3), (table.key, row)
    units = {row[0]: row[1] for row in report.table("avv_enhet").rows}
    assert units == {"Enhet A": "<3", "Enhet B": "<3", "Enhet C": 3}
    assert report.table("lexsarah").rows == (("Inget missförhållande", "<3"),)
    trend = {row[0]: row[1] for row in report.table("trend").rows}
    assert trend["2026T1"] == "<3" and trend["2026T2"] == 6  # 0 avvikelser in T1 is "<3" too
    by_kind = {row[0]: row for row in report.table("frister_typ").rows}
    cols = report.table("frister_typ").columns
    fhb, utr = by_kind["Förhandsbedömning"], by_kind["Utredning"]
    assert fhb[cols.index("Antal")] == 3 and fhb[cols.index("Andel inom fristen (%)")] == 100.0
    assert utr[cols.index("Antal")] == "<3" and utr[cols.index("Andel inom fristen (%)")] == "för få"
    assert utr[cols.index("Mål (%)")] == 75.0


def test_texts_say_under_three(report: Report) -> None:
    lex = next(s for s in report.sections if s.key == "lexsarah")
    assert lex.text.startswith("<3 lex Sarah-rapporter") and "1 lex" not in lex.text
    frister = next(s for s in report.sections if s.key == "frister").text
    assert "Utredning: andel inom fristen visas inte (färre än 3 ärenden), mål 75 %." in frister
    assert "Förhandsbedömning: andel inom fristen 100 %, mål 70 %." in frister


def test_chart_labels_show_under_three_and_bars_stay_flat(report: Report) -> None:
    chart = next(c for c in report.charts() if c.key == "avv_enhet")
    fig = charts.figure(report, chart)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["<3", "<3", "3"]
    assert [p.get_height() for p in ax.patches] == [0.0, 0.0, 3.0]
    trend = charts.figure(report, next(c for c in report.charts() if c.key == "trend")).axes[0]
    labels = [t.get_text() for t in trend.texts]
    assert "<3" in labels and not {"0", "1", "2"} & set(labels)


def test_xlsx_cells_hold_the_text_under_three_and_real_numbers_otherwise(report: Report) -> None:
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = book["avv_enhet"]
    assert [c.value for c in sheet[2]][:2] == ["Enhet", "Antal"]
    values = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in range(3, 6)}
    assert values == {"Enhet A": "<3", "Enhet B": "<3", "Enhet C": 3}
    assert isinstance(values["Enhet C"], int)


def test_docx_and_csv_show_under_three(report: Report) -> None:
    doc = Document(io.BytesIO(render(report, "docx")))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "<3" in cells and "Enhet C" in cells
    csv_text = render(report, "csv").decode()
    assert "avv_enhet,Enhet A,Antal,<3" in csv_text and "avv_enhet,Enhet C,Antal,3" in csv_text


def test_the_trend_counts_whole_tertials_when_the_period_ends_inside_one() -> None:
    from bot.statistik.report import load_window

    assert load_window(periods.parse("2026H1")) == (date(2025, 1, 1), date(2026, 8, 31))
    assert load_window(periods.parse("2026-03-01..2026-06-30")) == (date(2025, 1, 1), date(2026, 8, 31))
    assert load_window(periods.parse("2026T2")) == (date(2025, 5, 1), date(2026, 8, 31))
