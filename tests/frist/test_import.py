"""`lotsen import ärenden`: idempotent, per-row reports, personnummer rows refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from sqlmodel import col, select
from typer.testing import CliRunner

from bot.cli.main import app
from bot.frist.importer import DEFAULT_MAPPING
from storage.models.frist import CaseDeadline
from tests.conftest import make_lotsen

SAMPLE = DEFAULT_MAPPING.parent / "arenden.csv"
runner = CliRunner()


@pytest.fixture(autouse=True)
def frozen() -> object:
    with time_machine.travel("2026-11-23 10:00 +01:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def url(cli_db: str) -> str:
    make_lotsen(cli_db).db.dispose()  # demo organisation in the CLI's database
    return cli_db


def stored(url: str) -> list[CaseDeadline]:
    lotsen = make_lotsen(url)
    with lotsen.db.session() as s:
        return list(s.exec(select(CaseDeadline).order_by(col(CaseDeadline.id))))


def run(path: Path, *extra: str) -> object:
    return runner.invoke(app, ["import", "ärenden", str(path), *extra])


def test_sample_file_imports_and_a_second_run_changes_nothing(url: str) -> None:
    first = run(SAMPLE)
    assert first.exit_code == 0, first.output
    assert "4 skapad" in first.output and "rad 6: oförändrad" in first.output  # the Avslutad row
    assert "rad 4: skapad: F-3 SN 2026/0377: Utredning, sista dag 2027-01-04" in first.output
    before = [(d.id, d.due_date, d.handlaggare_id, d.status) for d in stored(url)]
    second = run(SAMPLE)
    assert second.exit_code == 0 and "0 skapad, 0 uppdaterad, 0 avslutad, 5 oförändrad" in second.output
    assert [(d.id, d.due_date, d.handlaggare_id, d.status) for d in stored(url)] == before


def test_changes_in_the_export_update_in_place(url: str, tmp_path: Path) -> None:
    run(SAMPLE)
    changed = tmp_path / "arenden.csv"
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("SN 2026/0398;Utredning;2026-09-02;lina.handlaggare",
                        "SN 2026/0398;Utredning;2026-09-03;sara.team")
    text = text.replace("SN 2026/0412;Förhandsbedömning;2026-11-16;lina.handlaggare@demo.lotsen.se;Pågående",
                        "SN 2026/0412;Förhandsbedömning;2026-11-16;lina.handlaggare@demo.lotsen.se;Avslutad")
    changed.write_text(text, encoding="utf-8")
    result = run(changed)
    assert result.exit_code == 0, result.output
    assert "rad 2: avslutad: F-1" in result.output
    assert "rad 3: uppdaterad: F-2 SN 2026/0398: handlaggare_id, trigger_date"  # due stays mån 4 jan in result.output
    f1, f2 = stored(url)[:2]
    assert f1.status == "klar" and f2.trigger_date.isoformat() == "2026-09-03" and f2.id == 2


def test_bad_rows_are_reported_and_the_rest_imported(url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Diarienummer;Frist;Startdatum;Handläggare;Status\n"
        "SN 2026/0500;Utredning;2026-10-01;lina.handlaggare@demo.lotsen.se;Pågående\n"
        "SN 2026/0501;Utredning;2026-10-01;lina.handlaggare@demo.lotsen.se;Barnet 121212-1212\n"
        "SN 2026/0502;Flygning;2026-10-01;lina.handlaggare@demo.lotsen.se;Pågående\n"
        "SN 2026/0503;Utredning;2026-13-01;lina.handlaggare@demo.lotsen.se;Pågående\n"
        "SN 2026/0504;Utredning;2026-10-01;okand@demo.lotsen.se;Pågående\n"
        "SN 2026/0505;Utredning;2026-10-01;anna.medarbetare@demo.lotsen.se;Pågående\n"
        "SN 2026/0506;Utredning;2027-10-01;lina.handlaggare@demo.lotsen.se;Pågående\n",
        encoding="utf-8")
    result = run(bad)
    assert result.exit_code == 1
    out = result.output
    assert "rad 2: skapad" in out
    assert "rad 3: nekad: raden innehåller ett personnummer" in out and "1212" not in out
    assert "rad 4: fel: okänd typ 'Flygning'" in out
    assert "rad 5: fel: ogiltigt startdatum '2026-13-01'" in out
    assert "rad 6: fel: okänd handläggare" in out
    assert "rad 7: fel: Anna Medarbetare är inte handläggare" in out
    assert "rad 8: fel: startdatum ligger i framtiden" in out
    assert [d.case_ref for d in stored(url)] == ["SN 2026/0500"]


def test_missing_columns_and_files_are_named(url: str, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Ärende;Datum\nSN 1;2026-01-01\n", encoding="utf-8")
    result = run(wrong)
    assert result.exit_code == 2 and "Kolumner saknas i filen: Diarienummer" in result.output
    assert run(tmp_path / "nope.csv").exit_code == 2
    bad_mapping = tmp_path / "m.yml"
    bad_mapping.write_text("kolumner: {arende: X}\n", encoding="utf-8")
    result = run(SAMPLE, "--mappning", str(bad_mapping))
    assert result.exit_code == 2 and "Mappningsfilen" in result.output
    assert stored(url) == []


def test_a_row_with_more_cells_than_the_header_is_checked_too(url: str, tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text("Diarienummer;Frist;Startdatum;Handläggare;Status\n"
                     "SN 2026/0600;Utredning;2026-10-01;lina.handlaggare@demo.lotsen.se;Pågående;121212-1212\n"
                     "SN 2026/0601;Utredning;2026-10-01;lina.handlaggare@demo.lotsen.se;Pågående;;;\n",
                     encoding="utf-8")
    result = run(extra)
    assert "rad 2: nekad: raden innehåller ett personnummer" in result.output  # type: ignore[attr-defined]
    assert "rad 3: skapad" in result.output  # type: ignore[attr-defined]
    assert [d.case_ref for d in stored(url)] == ["SN 2026/0601"]
