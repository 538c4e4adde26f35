"""`lotsen rutiner indexera|sök|feedback|revision` through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lotsen.cli.main import app
from lotsen.demo.seed import DEMO_CATALOGUE

runner = CliRunner()


def test_index_then_search_as_json(cli_db: str) -> None:
    indexed = runner.invoke(app, ["rutiner", "indexera", str(DEMO_CATALOGUE)])
    assert indexed.exit_code == 0 and "21 nya" in indexed.output
    result = runner.invoke(app, ["rutiner", "sök", "hur snabbt ska en incident anmälas till IMY", "--json",
                                 "--antal", "2"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["answered"] is True and len(data["hits"]) == 2
    top = data["hits"][0]
    assert {"document", "title", "section", "score", "outdated"} <= set(top)
    assert top["document"] == "personuppgiftsincident.md" and top["outdated"] is False
    ascii_alias = runner.invoke(app, ["rutiner", "sok", "semester och friskvård", "--json"])
    assert json.loads(ascii_alias.stdout)["answered"] is False


def test_human_output_cites_the_source(cli_db: str) -> None:
    runner.invoke(app, ["rutiner", "indexera", str(DEMO_CATALOGUE)])
    result = runner.invoke(app, ["rutiner", "sök", "får man dra över fristen för förhandsbedömning"])
    assert "Rutin för förhandsbedömning – Tidsfrist" in result.stdout
    assert "Källa: forhandsbedomning.docx, ägare Enhetschef mottagningen, fastställd 2025-03-03" in result.stdout
    none = runner.invoke(app, ["rutiner", "sök", "när är julbordet"])
    assert "Jag hittar ingen rutin" in none.stdout


def test_bad_input_and_unreadable_files(cli_db: str, tmp_path: Path) -> None:
    assert runner.invoke(app, ["rutiner", "sök", "  "]).exit_code == 2
    assert runner.invoke(app, ["rutiner", "sök", "x", "--antal", "0"]).exit_code == 2
    missing = runner.invoke(app, ["rutiner", "indexera", str(tmp_path / "finns-inte")])
    assert missing.exit_code == 2 and "finns inte" in missing.output
    (tmp_path / "ok.md").write_text("# Rutin för test\n\n## Syfte\n\nEn text om syftet.\n", encoding="utf-8")
    (tmp_path / "trasig.pdf").write_bytes(b"%PDF-1.4 nope")
    partial = runner.invoke(app, ["rutiner", "indexera", str(tmp_path)])
    assert partial.exit_code == 1
    assert "Kunde inte läsa trasig.pdf" in partial.output and "1 nya" in partial.output


def test_feedback_and_review_listings(cli_db: str) -> None:
    assert "Ingen återkoppling ännu" in runner.invoke(app, ["rutiner", "feedback"]).output
    runner.invoke(app, ["rutiner", "indexera", str(DEMO_CATALOGUE)])
    review = runner.invoke(app, ["rutiner", "revision", "--dagar", "3650"])
    assert "rutin_avvikelser_2021.txt" in review.output and "dagar sedan" in review.output
