"""`lotsen rutiner indexera|sök|feedback|revision` through the command line (the sub-app, and mounted)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.rutiner import app
from bot.demo.seed import DEMO_CATALOGUE

runner = CliRunner()


@pytest.fixture
def databas(sqlite_url: str) -> list[str]:
    return ["--databas", sqlite_url]


def test_index_then_search_as_json(databas: list[str]) -> None:
    indexed = runner.invoke(app, [*databas, "indexera", str(DEMO_CATALOGUE)])
    assert indexed.exit_code == 0, indexed.output
    assert "Indexering klar: 21 nya, 0 ändrade, 0 oförändrade, 0 borttagna." in indexed.stdout
    result = runner.invoke(app, [*databas, "sök", "hur snabbt ska en incident anmälas till IMY", "--json",
                                 "--antal", "2"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["answered"] is True and len(data["hits"]) == 2
    top = data["hits"][0]
    assert {"document", "path", "title", "section", "excerpt", "score", "outdated", "owner", "approved_on",
            "valid_until", "version", "diarienummer"} <= set(top)
    assert top["document"] == "personuppgiftsincident.md" and top["outdated"] is False
    assert top["section"] == "Anmälan till IMY" and isinstance(top["score"], float)
    assert "imy → integritetsskyddsmyndigheten / personuppgiftsincident" in data["read_as"]
    ascii_alias = runner.invoke(app, [*databas, "sok", "semester och friskvård", "--json"])
    assert ascii_alias.exit_code == 0
    assert json.loads(ascii_alias.stdout)["answered"] is False


def test_human_output_cites_the_source(databas: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "rutiner"
    shutil.copytree(DEMO_CATALOGUE, folder / "mottagning")
    runner.invoke(app, [*databas, "indexera", str(folder)])
    result = runner.invoke(app, [*databas, "sök", "får man dra över fristen för förhandsbedömning"])
    assert result.exit_code == 0
    assert "1. Rutin för förhandsbedömning – Tidsfrist" in result.stdout
    assert ("Källa: mottagning/forhandsbedomning.docx, ägare Enhetschef mottagningen, fastställd 2025-03-03 "
            "av Enhetschef mottagningen, version 2.0, dnr SN 2025/0044") in result.stdout
    none = runner.invoke(app, [*databas, "sök", "när är julbordet"])
    assert none.exit_code == 0 and "Jag hittar ingen" in none.stdout


def test_an_outdated_best_match_is_flagged_in_the_output(databas: list[str]) -> None:
    runner.invoke(app, [*databas, "indexera", str(DEMO_CATALOGUE)])
    # Only the outdated version names the form: the current version still ranks first (issue 11), and
    # the outdated one is flagged wherever it is shown.
    result = runner.invoke(app, [*databas, "sök", "avvikelseblanketten", "--antal", "5"])
    assert "⚠" in result.stdout
    data = json.loads(runner.invoke(app, [*databas, "sök", "avvikelseblanketten", "--json", "--antal", "5"]).stdout)
    documents = [h["document"] for h in data["hits"]]
    assert documents.index("rutin_avvikelser.md") < documents.index("rutin_avvikelser_2021.txt")
    old = data["hits"][documents.index("rutin_avvikelser_2021.txt")]
    assert old["outdated"] is True and old["superseded"] is True and old["valid_until"] == "2023-06-30"


def test_bad_input_and_exit_codes(databas: list[str], tmp_path: Path) -> None:
    assert runner.invoke(app, [*databas, "sök", "  "]).exit_code == 2
    assert runner.invoke(app, [*databas, "sök", "x", "--antal", "0"]).exit_code == 2
    missing = runner.invoke(app, [*databas, "indexera", str(tmp_path / "finns-inte")])
    assert missing.exit_code == 2 and "finns inte" in missing.output
    folder = tmp_path / "rutiner"
    folder.mkdir()
    (folder / "ok.md").write_text("# Rutin för test\n\n## Syfte\n\nEn text om syftet.\n", encoding="utf-8")
    (folder / "trasig.pdf").write_bytes(b"%PDF-1.4 nope")
    (folder / "gammal.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    partial = runner.invoke(app, [*databas, "indexera", str(folder)])
    assert partial.exit_code == 1
    assert "Kunde inte läsa trasig.pdf: pdf-filen är skadad eller ofullständig" in partial.output
    assert "Kunde inte läsa gammal.doc: äldre Word-format (.doc); spara om filen som .docx" in partial.output
    assert "1 nya" in partial.output and "2 filer kunde inte läsas" in partial.output
    broken = runner.invoke(app, ["--databas", "postgresql://nobody@127.0.0.1:1/none", "sök", "x"])
    assert broken.exit_code == 2 and "Kan inte öppna databasen" in broken.output


def test_feedback_and_review_listings(databas: list[str], sqlite_url: str) -> None:
    from bot.rutiner.service import RoutineCatalogue
    from storage.db import Database

    assert "Ingen återkoppling ännu" in runner.invoke(app, [*databas, "feedback"]).output
    runner.invoke(app, [*databas, "indexera", str(DEMO_CATALOGUE)])
    catalogue = RoutineCatalogue(Database(sqlite_url))
    catalogue.record_feedback("vem utreder", "rutin_avvikelser.md", "Utredning och tidsfrist", True, "a")
    catalogue.record_feedback("var finns blanketten", "rutin_avvikelser.md", None, False, "b")
    listing = runner.invoke(app, [*databas, "feedback"]).output
    assert "rutin_avvikelser.md: 👍 1  👎 1" in listing and "👎 var finns blanketten" in listing
    review = runner.invoke(app, [*databas, "revision", "--dagar", "3650"])
    assert "rutin_avvikelser_2021.txt" in review.output and "dagar sedan" in review.output


def test_mounted_as_lotsen_rutiner_with_the_database_from_the_environment(cli_db: str) -> None:
    from bot.cli.main import app as lotsen

    assert runner.invoke(lotsen, ["rutiner", "indexera", str(DEMO_CATALOGUE)]).exit_code == 0
    result = runner.invoke(lotsen, ["rutiner", "sök", "vem beslutar om stadigvarande vård", "--json"])
    assert json.loads(result.stdout)["hits"][0]["document"] == "delegationsordning.txt"
