"""`lotsen lexsarah dokument` writes the Word document (read back here) for those who may see the report,
refuses and audits the others; `lotsen export lexsarah` holds no free text; demo reports cover every state."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from docx import Document
from sqlmodel import select
from typer.testing import CliRunner

from bot.app import Lotsen
from bot.cli.main import app
from storage.models import Person
from tests.lex_sarah.helpers import (
    ASSESS,
    MEASURE_TEXT,
    NUMBER,
    REPORT,
    act,
    add_measure,
    audit,
    decide,
    file,
    submit,
    to_position,
)


@pytest.fixture
def cli_lotsen(cli_db: str) -> object:
    from tests.conftest import make_lotsen

    app_ = make_lotsen(cli_db)
    yield app_
    app_.db.dispose()


def people_of(lotsen: Lotsen) -> dict[str, Person]:
    with lotsen.db.session() as s:
        return {p.key: p for p in s.exec(select(Person))}


def walked(lotsen: Lotsen) -> dict[str, Person]:
    people = people_of(lotsen)
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    to_position(lotsen, petra, "allvarligt")
    decide(lotsen, petra)
    submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-10", "ivo_reference": "3.5.1-4711/2026"})
    assert add_measure(lotsen, petra, "ec.maria", "2026-12-21", "2027-01-15").ok
    assert add_measure(lotsen, petra, "vc.karin", "2027-02-01", None).ok
    return people


def test_the_word_document_reads_back(cli_lotsen: Lotsen, tmp_path: Path) -> None:
    walked(cli_lotsen)
    target = tmp_path / "utredning.docx"
    result = CliRunner().invoke(app, ["lexsarah", "dokument", NUMBER.lower(), "--format", "docx", "-o", str(target),
                                      "--som", "kv.petra"])
    assert result.exit_code == 0, result.output
    doc = Document(str(target))
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == f"Utredning enligt lex Sarah: {NUMBER}"
    for expected in ("Handläggningens steg", "Ställningstagande", "Utredning (SOSFS 2011:5, 5 kap.)", "Orsaker",
                     "Källor (var uppgifterna kommer ifrån; fakta och bedömning)", "Handlingsplan"):
        assert expected in headings, headings
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Allvarligt missförhållande" in body and "Beslut 2026-12-10 av Utskott" in body
    assert "Anmäld till IVO 2026-12-10, IVO:s diarienummer 3.5.1-4711/2026" in body
    assert ASSESS["inv_causes"] in body and ASSESS["inv_sources"] in body
    # SOSFS 2011:5: for each part, the day it was recorded and by whom (name and title)
    assert "Dokumenterat 2026-12-10, Petra Kvalitet (lex Sarah-ansvarig)." in body
    assert "Dokumenterat 2026-12-10, ur lex Sarah-rapporten." in body
    facts, steps, plan = doc.tables
    fact_rows = {r.cells[0].text: r.cells[1].text for r in facts.rows}
    assert fact_rows["Nummer"] == NUMBER and fact_rows["Verksamhet"] == "Mottagningen barn och unga"
    assert "lokalt mål" in fact_rows["Utredningens lokalt mål"]
    assert [c.text for c in steps.rows[1].cells] == ["Mottagen", "2026-12-10", "Lina Handläggare"]
    assert [r.cells[0].text for r in steps.rows[1:]] == ["Mottagen", "Utredning startad", "Ställningstagande",
                                                         "Beslut", "Anmäld till IVO", "Åtgärder"]
    assert [c.text for c in plan.rows[0].cells] == ["Åtgärd", "Ansvarig", "Planerat klart", "Uppföljning", "Avslut"]
    assert [c.text for c in plan.rows[1].cells] == [f"1. {MEASURE_TEXT}", "Maria Enhet", "2026-12-21", "2027-01-15",
                                                    "–"]
    assert [c.text for c in plan.rows[2].cells][1:3] == ["Karin Verksam", "2027-02-01"]
    assert [a.action for a in audit(cli_lotsen)][-1] == "dokument_skapat"


def test_the_default_file_name_and_the_verksamhetschef(cli_lotsen: Lotsen, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    walked(cli_lotsen)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["lexsarah", "dokument", NUMBER, "--som", "vc.karin"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{NUMBER}.docx").exists()


@pytest.mark.parametrize(("args", "expected"), [
    (["--som", "hl.lina"], "inte behörighet"),  # the reporter sees state and outcome only
    (["--som", "ec.jonas"], "inte behörighet"),  # a chef of another unit
    (["--som", "ingen.alls"], "Ingen aktiv person"),
    ([], "Ange vem du är med --som"),
    (["--som", "kv.petra", "--format", "pdf"], "stöds inte"),
])
def test_a_document_is_refused_to_those_who_may_not_see_it(cli_lotsen: Lotsen, tmp_path: Path, args: list[str],
                                                           expected: str) -> None:
    walked(cli_lotsen)
    target = tmp_path / "x.docx"
    result = CliRunner().invoke(app, ["lexsarah", "dokument", NUMBER, "-o", str(target), *args])
    assert result.exit_code == 2 and expected in result.output, result.output
    assert not target.exists()
    if "behörighet" in expected:
        assert [a.action for a in audit(cli_lotsen)][-1] == "nekad_dokument"


def test_an_unwritable_target_is_explained(cli_lotsen: Lotsen, tmp_path: Path) -> None:
    walked(cli_lotsen)
    result = CliRunner().invoke(app, ["lexsarah", "dokument", NUMBER, "--som", "kv.petra", "-o",
                                      str(tmp_path / "saknas" / "x.docx")])
    assert result.exit_code == 2 and "Kunde inte skriva" in result.output
    result = CliRunner().invoke(app, ["lexsarah", "dokument", NUMBER, "--som", "kv.petra", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "är en katalog" in result.output


def test_unknown_numbers_are_explained(cli_lotsen: Lotsen) -> None:
    for raw, expected in (("LXS-2026-0099", "ingen lex Sarah-rapport"), ("hej", "LXS-2026-0007")):
        result = CliRunner().invoke(app, ["lexsarah", "dokument", raw, "--som", "kv.petra"])
        assert result.exit_code == 2 and expected in result.output


def test_export_holds_dates_and_states_but_no_free_text(cli_lotsen: Lotsen) -> None:
    walked(cli_lotsen)
    as_json = CliRunner().invoke(app, ["export", "lexsarah", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    [row] = json.loads(as_json.stdout)
    assert row["nummer"] == NUMBER and row["status"] == "åtgärder" and row["stallningstagande"] == "allvarligt"
    assert row["beslut_datum"] == "2026-12-10" and row["anmald_ivo_datum"] == "2026-12-10"
    assert row["utredning_startad"] == "2026-12-10" and row["antal_atgarder"] == 2
    flat = json.dumps(row, ensure_ascii=False)
    for free_text in (*[v for v in REPORT.values() if v and len(v) > 12], *[v for v in ASSESS.values() if v],
                      MEASURE_TEXT, "3.5.1-4711"):
        assert free_text not in flat
    as_csv = CliRunner().invoke(app, ["export", "lexsarah", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 1 and rows[0]["nummer"] == NUMBER
    assert CliRunner().invoke(app, ["export", "lexsarah", "--format", "xml"]).exit_code == 2


def test_demo_reports_cover_every_state_and_are_added_once(lotsen: Lotsen, people: dict[str, Person]) -> None:
    from bot.demo.lex_sarah import ORDER, seed_lex_sarah
    from storage.models.lex_sarah import LexSarahMeasure, LexSarahReport

    added = seed_lex_sarah(lotsen, 9)
    assert len(added) == 9 and seed_lex_sarah(lotsen, 9) == []
    assert len(seed_lex_sarah(lotsen, 10)) == 1
    with lotsen.db.session() as s:
        states = {r.status for r in s.exec(select(LexSarahReport))}
        with_plan = {m.report_id for m in s.exec(select(LexSarahMeasure))}
    assert states == set(ORDER)
    assert len(with_plan) >= 3
    listing = lotsen.chat.command(people["vc.karin"], "lexsarah", "lista", channel="t").message
    assert listing is not None and "dagar sedan rapporten" in listing.sections[0]
    assert act(lotsen, people["kv.petra"], "open", added[0]).message is not None
