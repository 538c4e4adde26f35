"""The `lotsen` command line: org import, export, db upgrade, manifest, and clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.config import Settings
from bot.demo.seed import DEMO_ORG

ORG_WITH_ERRORS = """\
enheter:
  - kod: A
    namn: Enhet A
    chef: ec
personer:
  - id: ec
    namn: Eva
    epost: eva@example.se
    roller: [boss]
"""


def test_db_upgrade_creates_the_schema(runner: CliRunner, tmp_path: Path, monkeypatch: object) -> None:
    from bot.config import reset_settings_cache
    from storage.migrate import current_heads

    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("LOTSEN_DATABASE_URL", url)  # type: ignore[attr-defined]
    reset_settings_cache()
    result = runner.invoke(app, ["db", "upgrade"])
    reset_settings_cache()
    assert result.exit_code == 0, result.output
    from sqlalchemy import create_engine, inspect

    assert "0200_frist" in current_heads(url)  # depends on 0001_core, so core is applied too
    again = runner.invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0
    tables = set(inspect(create_engine(url)).get_table_names())
    assert {"avvikelse", "person", "unit", "outbox", "audit_log", "case_deadline"} <= tables


def test_org_import_reports_counts_then_nothing_on_reimport(runner: CliRunner, cli_db: str) -> None:
    first = runner.invoke(app, ["org", "import", str(DEMO_ORG)])
    assert first.exit_code == 0 and "Personer: 9 nya" in first.output
    second = runner.invoke(app, ["org", "import", str(DEMO_ORG)])
    assert second.exit_code == 0 and "Personer: 0 nya, 0 uppdaterade, 0 avaktiverade" in second.output


def test_org_import_with_errors_exits_1_and_changes_nothing(runner: CliRunner, cli_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "org.yml"
    bad.write_text(ORG_WITH_ERRORS, encoding="utf-8")
    result = runner.invoke(app, ["org", "import", str(bad)])
    assert result.exit_code == 1
    assert "rad 6: okänd roll 'boss'" in result.output
    assert "ingenting har ändrats" in result.output
    missing = runner.invoke(app, ["org", "import", str(tmp_path / "saknas.yml")])
    assert missing.exit_code == 2 and "finns inte" in missing.output


def _file_one(url: str) -> None:
    from bot.app import build
    from bot.avvikelse.forms import NewReport
    from bot.chat.identity import resolve_key
    from bot.org.importer import import_org

    lotsen = build(Settings(database_url=url), migrate=False)
    with lotsen.db.session() as s:
        import_org(s, DEMO_ORG)
    anna = resolve_key(lotsen.db, "me.anna")
    lotsen.avvikelser.file(anna, NewReport(
        event_date=__import__("datetime").date(2026, 3, 1), unit_code="MOTT", subject="organisatorisk",
        origin="intern", category="Samverkan", what_happened="Skolan, BUP; \"citat\"\nny rad",
        consequence="Försenat", immediate_action="Ringde", case_reference=None,
    ), submission_key="cli", channel="test")
    lotsen.db.dispose()


def test_export_csv_and_json_with_date_filters(runner: CliRunner, cli_db: str, tmp_path: Path) -> None:
    with time_machine.travel("2026-03-02 10:00 +01:00", tick=False):
        _file_one(cli_db)
    as_json = runner.invoke(app, ["export", "avvikelser", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.stdout)
    assert isinstance(rows, list) and rows[0]["nummer"] == "AVV-2026-0001"
    assert rows[0]["vad_hande"] == "Skolan, BUP; \"citat\"\nny rad"
    out = tmp_path / "export.csv"
    as_csv = runner.invoke(app, ["export", "avvikelser", "--format", "csv", "--from", "2026-03-01",
                                 "--to", "2026-03-31", "-o", str(out)])
    assert as_csv.exit_code == 0
    parsed = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["nummer"] for r in parsed] == ["AVV-2026-0001"]
    assert parsed[0]["vad_hande"] == "Skolan, BUP; \"citat\"\nny rad"
    empty = runner.invoke(app, ["export", "avvikelser", "--format", "json", "--from", "2026-04-01"])
    assert json.loads(empty.stdout) == []


def test_export_rejects_bad_dates_and_formats(runner: CliRunner, cli_db: str) -> None:
    bad_date = runner.invoke(app, ["export", "avvikelser", "--from", "2026-13-01"])
    assert bad_date.exit_code == 2 and "Ogiltigt datum för --from" in bad_date.output
    reversed_range = runner.invoke(app, ["export", "avvikelser", "--from", "2026-05-01", "--to", "2026-04-01"])
    assert reversed_range.exit_code == 2 and "senare än --to" in reversed_range.output
    bad_format = runner.invoke(app, ["export", "avvikelser", "--format", "xml"])
    assert bad_format.exit_code == 2


def test_manifest_command_prints_the_committed_manifest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["slack", "manifest"])
    root = Path(__file__).resolve().parents[2]
    assert result.exit_code == 0 and result.stdout == (root / "manifest.yml").read_text(encoding="utf-8")


def test_statistics_for_kvalitetsenheten(runner: CliRunner, cli_db: str) -> None:
    with time_machine.travel("2026-03-02 10:00 +01:00", tick=False):
        _file_one(cli_db)
    with time_machine.travel("2026-05-01 10:00 +02:00", tick=False):
        result = runner.invoke(app, ["export", "statistik", "--json"])
        text = runner.invoke(app, ["export", "statistik", "--from", "2026-01-01", "--to", "2026-04-30"])
    data = json.loads(result.stdout)
    assert data["antal"] == 1 and data["per_kategori"] == {"Samverkan": 1}
    assert data["oppna_efter_malet"] == 1 and data["avslutade"] == 0  # due 13 Apr, still open 1 May
    assert "Avvikelser 2026-01-01 – 2026-04-30: 1" in text.stdout and "Samverkan 1" in text.stdout
    assert "Skolan" not in text.stdout  # counts only, never text
    bad = runner.invoke(app, ["export", "statistik", "--from", "2026-05-01", "--to", "2026-01-01"])
    assert bad.exit_code == 2
