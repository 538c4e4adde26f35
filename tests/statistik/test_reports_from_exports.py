"""Reports over a generated history agree with counts this test computes itself from the exports.

`lotsen demo fyll` writes the history; `lotsen export avvikelser` and `lotsen export frister` give the
raw rows; the test counts, classifies and suppresses them by its own rules and compares with what
`lotsen rapport` wrote into the Excel workbook, the Word document and the CSV file.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from bot.cli.main import app

NOW = datetime(2026, 10, 15, 10, 0, tzinfo=UTC)
TODAY = date(2026, 10, 15)
START, END = date(2026, 5, 1), date(2026, 8, 31)  # 2026T2
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def shown(n: int) -> object:
    return n if n >= 3 else "<3"


def pct(part: int, whole: int) -> object:
    return None if whole == 0 else "för få" if whole < 3 else round(100 * part / whole, 1)


def local_day(iso: str) -> date:
    return datetime.fromisoformat(iso).astimezone(STOCKHOLM).date()


def in_period(day: str) -> bool:
    return START <= date.fromisoformat(day) <= END


def run(runner: CliRunner, *args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def history(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One generated history for the whole module (generating and rendering is the slow part)."""
    from bot.config import reset_settings_cache
    from tests.support.databases import fresh_sqlite

    tmp_path = tmp_path_factory.mktemp("history")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp, time_machine.travel(NOW, tick=False):
        mp.setenv("LOTSEN_DATABASE_URL", fresh_sqlite(sqlite_template, tmp_path))
        reset_settings_cache()
        run(runner, "demo", "fyll", "--avvikelser", "500", "--frister", "2500", "--lexsarah", "30",
            "--från", "2025-01-01")
        run(runner, "export", "avvikelser", "--format", "json", "-o", str(tmp_path / "avv.json"))
        run(runner, "export", "frister", "--format", "json", "-o", str(tmp_path / "frister.json"))
        for fmt in ("xlsx", "docx", "csv", "png"):
            run(runner, "rapport", "--period", "2026T2", "--format", fmt, "-o", str(tmp_path / f"r.{fmt}"))
        run(runner, "rapport", "--period", "2026T2", "--enhet", "MOTT", "--format", "xlsx",
            "-o", str(tmp_path / "mott.xlsx"))
    reset_settings_cache()
    yield tmp_path


def sheet_rows(path: Path, name: str) -> list[tuple[Any, ...]]:
    sheet = load_workbook(path)[name]
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=3)]


def sheet_header(path: Path, name: str) -> list[Any]:
    return [c.value for c in load_workbook(path)[name][2]]


def test_avvikelser_by_unit_category_and_state_match_the_export(history: Path) -> None:
    rows = [r for r in json.loads((history / "avv.json").read_text()) if in_period(r["rapporterad_datum"])]
    assert len(rows) > 50
    by_unit = Counter(r["enhet"] for r in rows)
    xlsx = history / "r.xlsx"
    assert sheet_header(xlsx, "avv_enhet")[:2] == ["Enhet", "Antal"]
    assert {r[0]: r[1] for r in sheet_rows(xlsx, "avv_enhet")} == {k: shown(v) for k, v in by_unit.items()}
    by_category = Counter(r["kategori"] for r in rows)
    assert {r[0]: r[1] for r in sheet_rows(xlsx, "avv_kategori")} == {k: shown(v) for k, v in by_category.items()}
    states = {"mottagen": "Mottagen", "under_utredning": "Under utredning", "avslutad": "Avslutad"}
    by_state = Counter(states[r["status"]] for r in rows)
    assert {r[0]: r[1] for r in sheet_rows(xlsx, "avv_status")} == {k: shown(v) for k, v in by_state.items()}
    origins = Counter("Intern" if r["ursprung"] == "intern" else "Extern" for r in rows)
    assert {r[0]: r[1] for r in sheet_rows(xlsx, "avv_ursprung")} == {k: shown(v) for k, v in origins.items()}

    closed = [r for r in rows if r["avslutad"]]
    judged = [r for r in rows if r["avslutad"] or date.fromisoformat(r["utreds_senast"]) < TODAY]
    within = [r for r in closed if local_day(r["avslutad"]) <= date.fromisoformat(r["utreds_senast"])]
    days = [(local_day(r["avslutad"]) - date.fromisoformat(r["rapporterad_datum"])).days for r in closed]
    summary = {r[0]: r[1] for r in sheet_rows(xlsx, "nyckeltal")}
    assert summary["Avvikelser"] == len(rows)
    assert summary["Utredda inom målet, 6 veckor (%)"] == pct(len(within), len(judged))
    assert summary["Median dagar till avslut"] == round(float(statistics.median(days)), 1)


def classify(r: dict[str, Any]) -> str:
    last = date.fromisoformat(r["sista_dag"])
    due = date.fromisoformat(r["forlangd_till"]) if r["forlangd_till"] else last
    if not r["beslut_eller_avslut"]:
        return "pågående" if due >= TODAY else "sen"
    decided = date.fromisoformat(r["beslut_eller_avslut"])
    if decided <= last:
        return "inom"
    return "förlängd" if r["forlangningsskal"] and decided <= due else "sen"


def test_deadline_compliance_matches_the_export(history: Path) -> None:
    export = json.loads((history / "frister.json").read_text())
    assert not any("DEMO" in json.dumps(r) for r in export)  # no case reference, no client data
    rows = [r for r in export if in_period(r["sista_dag"]) and r["status"] != "avbruten"]
    header = sheet_header(history / "r.xlsx", "frister_typ")
    table = {r[0]: dict(zip(header, r, strict=True)) for r in sheet_rows(history / "r.xlsx", "frister_typ")}
    for kind in ("Förhandsbedömning", "Utredning"):
        outcomes = Counter(classify(r) for r in rows if r["typnamn"] == kind)
        judged = outcomes["inom"] + outcomes["förlängd"] + outcomes["sen"]
        got = table[kind]
        assert got["Antal"] == shown(sum(outcomes.values()))
        assert (got["Inom fristen"], got["Förlängd med skäl"], got["För sen"], got["Pågående"]) == (
            shown(outcomes["inom"]), shown(outcomes["förlängd"]), shown(outcomes["sen"]), shown(outcomes["pågående"]))
        assert got["Andel inom fristen (%)"] == pct(outcomes["inom"], judged)
        assert 15 <= outcomes["sen"] * 100 / judged <= 50  # plausible shares, as municipalities report
    assert table["Förhandsbedömning"]["Mål (%)"] == 70.0 and table["Utredning"]["Mål (%)"] == 75.0


def test_history_has_every_state_and_is_reproducible(history: Path, runner: CliRunner, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    export = json.loads((history / "frister.json").read_text())
    assert {r["mot_fristen"] for r in export} == {"inom", "forlangd", "sen", "pagaende", "avbruten"}
    assert all(r["forlangningsskal"] for r in export if r["mot_fristen"] == "forlangd")
    avv = json.loads((history / "avv.json").read_text())
    assert {r["status"] for r in avv} == {"mottagen", "under_utredning", "avslutad"}
    assert {r["enhet_kod"] for r in avv} >= {"MOTT", "UTR1"}

    from bot.config import reset_settings_cache

    monkeypatch.setenv("LOTSEN_DATABASE_URL", f"sqlite:///{tmp_path / 'again.db'}")
    reset_settings_cache()
    with time_machine.travel(NOW, tick=False):
        run(runner, "demo", "fyll", "--avvikelser", "500", "--frister", "2500", "--lexsarah", "30",
            "--från", "2025-01-01")
        run(runner, "export", "frister", "--format", "json", "-o", str(tmp_path / "again.json"))
    again = json.loads((tmp_path / "again.json").read_text())
    assert again == export


def test_workbook_document_csv_and_png_are_complete(history: Path) -> None:
    book = load_workbook(history / "r.xlsx")
    assert {"nyckeltal", "avv_enhet", "avv_kategori", "lexsarah", "frister_typ", "frister_enhet",
            "trend"} <= set(book.sheetnames)
    assert [len(book[name]._images) for name in ("avv_enhet", "frister_typ", "trend")] == [1, 1, 2]
    doc = Document(str(history / "r.docx"))
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert {"Avvikelser", "Lex Sarah", "Frister i ärenden", "Utveckling över tid"} <= set(headings)
    assert len(doc.tables) == len(book.sheetnames) and len(doc.inline_shapes) == 4
    rows = list(csv.DictReader(io.StringIO((history / "r.csv").read_text())))
    assert {r["tabell"] for r in rows} == set(book.sheetnames)
    assert (history / "r.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unit_filter_keeps_the_unit(history: Path) -> None:
    units = {r[0] for r in sheet_rows(history / "mott.xlsx", "avv_enhet")}
    assert units == {"Mottagningen barn och unga"}
