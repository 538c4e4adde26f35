"""`lotsen rutiner utvärdera` and `feedback --exportera`: the catalogue owner measures on their own questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli.rutiner import app
from bot.demo.seed import DEMO_CATALOGUE

runner = CliRunner()

QUESTIONS = """\
- {q: "hur snabbt ska en incident anmälas till IMY", expect: "personuppgiftsincident.md"}
- {q: "vem utreder en avvikelse", expect: [rutin_avvikelser.md]}
- {q: "semester och friskvård", expect: null}
- {q: "vem utreder en avvikelse", expect: "personuppgiftsincident.md"}
"""


@pytest.fixture
def databas(sqlite_url: str) -> list[str]:
    indexed = runner.invoke(app, ["--databas", sqlite_url, "indexera", str(DEMO_CATALOGUE)])
    assert indexed.exit_code == 0, indexed.output
    return ["--databas", sqlite_url]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_figures_on_a_question_file(databas: list[str], tmp_path: Path) -> None:
    questions = write(tmp_path, "fragor.yml", QUESTIONS)
    result = runner.invoke(app, [*databas, "utvärdera", str(questions), "--json"])
    assert result.exit_code == 0, result.output
    # Three answerable (the last one deliberately labelled wrong), one without an answer.
    assert json.loads(result.stdout) == {"nuvarande": {
        "fragor": 4, "med_svar": 3, "utan_svar": 1, "hit_at_1": 0.667, "hit_at_3": 0.667, "mrr": 0.667,
        "utan_svar_avbojda": 1, "med_svar_avbojda": 0}}
    human = runner.invoke(app, [*databas, "utvardera", str(questions), "--visa-missar"])
    assert human.exit_code == 0
    assert "4 frågor (3 med svar i katalogen, 1 utan)" in human.stdout
    assert "Rätt rutin först" in human.stdout and "0.67 (2 av 3)" in human.stdout
    assert "Fel (nuvarande): 1" in human.stdout
    assert "väntade personuppgiftsincident.md, fick rutin_avvikelser.md" in human.stdout


def test_a_candidate_synonym_file_is_measured_beside_the_current_one(databas: list[str], tmp_path: Path) -> None:
    questions = write(tmp_path, "fragor.yml", """\
- {q: "fhb", expect: "forhandsbedomning.docx"}
- {q: "who investigates a deviation", expect: "rutin_avvikelser.md"}
""")
    without = write(tmp_path, "inga.yml", "förkortningar: {}\n")
    result = runner.invoke(app, [*databas, "utvärdera", str(questions), "--synonymer", str(without), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["nuvarande"]["hit_at_1"] == 1.0  # the shipped abbreviations and English words
    assert figures["inga.yml"]["hit_at_1"] < 1.0 or figures["inga.yml"]["med_svar_avbojda"] > 0
    human = runner.invoke(app, [*databas, "utvärdera", str(questions), "--synonymer", str(without)])
    assert "Med inga.yml: 0 frågor blev rätt" in human.stdout and "”fhb”" in human.stdout
    assert "inte användes för att skriva synonymerna" in human.stdout


@pytest.mark.parametrize(("text", "message"), [
    ("- {q: [oops\n", "är inte giltig YAML (rad"),
    ("q: vem utreder\n", "ska vara en lista med frågor"),
    ("- {q: vem utreder}\n", "Fråga 1 i fragor.yml saknar expect"),
    ("- {expect: null}\n", "Fråga 1 i fragor.yml saknar q"),
    ("- {q: vem utreder, expect: 12}\n", "expect ska vara ett filnamn"),
    ("- {q: vem utreder, expect: finns_inte.docx}\n", "nämner rutiner som inte finns i katalogen: finns_inte.docx"),
    ("- {q: \"gäller 19121212-1212\", expect: null}\n", "ser ut att innehålla ett personnummer"),
])
def test_a_bad_question_file_is_refused_in_swedish(
    databas: list[str], tmp_path: Path, text: str, message: str
) -> None:
    result = runner.invoke(app, [*databas, "utvärdera", str(write(tmp_path, "fragor.yml", text))])
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_missing_files_are_named(databas: list[str], tmp_path: Path) -> None:
    missing = runner.invoke(app, [*databas, "utvärdera", str(tmp_path / "nej.yml")])
    assert missing.exit_code == 2 and "nej.yml finns inte" in missing.output
    questions = write(tmp_path, "fragor.yml", QUESTIONS)
    no_synonyms = runner.invoke(app, [*databas, "utvärdera", str(questions), "--synonymer", str(tmp_path / "s.yml")])
    assert no_synonyms.exit_code == 2 and "s.yml finns inte" in no_synonyms.output


def test_feedback_becomes_a_question_file_that_utvardera_reads(
    databas: list[str], sqlite_url: str, tmp_path: Path
) -> None:
    from bot.rutiner.service import RoutineCatalogue
    from storage.db import Database

    target = tmp_path / "fran_feedback.yml"
    nothing = runner.invoke(app, [*databas, "feedback", "--exportera", str(target)])
    assert nothing.exit_code == 0 and "Ingen återkoppling ännu" in nothing.output and not target.exists()
    catalogue = RoutineCatalogue(Database(sqlite_url), embedder="ingen")
    catalogue.record_feedback("vem utreder en avvikelse", "rutin_avvikelser.md", None, True, "a")
    catalogue.record_feedback("hur anmäler vi till IMY", "rutin_avvikelser.md", None, False, "b",
                              suggested="personuppgiftsincident")
    catalogue.record_feedback("var finns blanketten för friskvård", "rutin_avvikelser.md", None, False, "c")
    catalogue.record_feedback("gäller 19121212-1212?", "rutin_avvikelser.md", None, False, "d")
    result = runner.invoke(app, [*databas, "feedback", "--exportera", str(target)])
    assert result.exit_code == 0, result.output
    assert "3 frågor skrevs" in result.stdout
    text = target.read_text(encoding="utf-8")
    assert "19121212" not in text
    rows = yaml.safe_load(text)
    assert rows == [
        {"q": "vem utreder en avvikelse", "expect": "rutin_avvikelser.md"},  # 👍: the routine that answered
        {"q": "hur anmäler vi till IMY", "expect": "personuppgiftsincident.md"},  # 👎 + suggestion: a guess
        {"q": "var finns blanketten för friskvård", "expect": None},  # 👎 alone: for the owner to decide
    ]
    assert "KONTROLLERA" in text
    measured = runner.invoke(app, [*databas, "utvärdera", str(target), "--json"])
    assert measured.exit_code == 0 and json.loads(measured.stdout)["nuvarande"]["fragor"] == 3
    again = runner.invoke(app, [*databas, "feedback", "--exportera", str(target)])
    assert again.exit_code == 2 and "finns redan" in again.output  # never overwrites the owner's edits
