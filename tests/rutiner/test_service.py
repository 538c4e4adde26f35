"""Indexing a folder, re-indexing, searching with sources, outdated routines, feedback, review dates."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import time_machine

from lotsen.demo.seed import DEMO_CATALOGUE
from lotsen.rutiner.service import RoutineCatalogue


def test_demo_catalogue_answers_with_sources(demo: RoutineCatalogue) -> None:
    result = demo.search("vem beslutar att inte inleda utredning?")
    assert result.answered
    top = result.hits[0]
    assert (top.document, top.section) == ("forhandsbedomning.docx", "Beslut")
    assert "teamledare" in top.excerpt and len(top.excerpt) <= 300
    assert top.owner == "Enhetschef mottagningen" and top.approved_on == date(2025, 3, 3)


def test_nothing_fits_is_said_plainly(demo: RoutineCatalogue) -> None:
    for question in ("hur bokar jag semester", "var hittar jag lönespecifikationen", ""):
        assert not demo.search(question).answered


def test_current_version_is_preferred_and_an_outdated_best_match_is_flagged(demo: RoutineCatalogue) -> None:
    with time_machine.travel("2026-11-22 10:00 +01:00", tick=False):
        result = demo.search("hur rapporterar jag en avvikelse", limit=5)
        documents = [h.document for h in result.hits]
        assert documents[0] == "rutin_avvikelser.md" and not result.hits[0].outdated
        old = next(h for h in result.hits if h.document == "rutin_avvikelser_2021.txt")
        assert old.outdated and old.valid_until == date(2023, 6, 30)
        only_old = demo.search("avvikelseblanketten")
        assert only_old.hits[0].document == "rutin_avvikelser_2021.txt" and only_old.hits[0].outdated


def test_reindexing_reads_only_what_changed_and_forgets_removed_files(
    catalogue: RoutineCatalogue, tmp_path: Path
) -> None:
    folder = tmp_path / "rutiner"
    shutil.copytree(DEMO_CATALOGUE, folder)
    first = catalogue.index_directory(folder)
    assert len(first.added) == 21 and not first.failed
    assert catalogue.index_directory(folder).summary() == "0 nya, 0 ändrade, 21 oförändrade, 0 borttagna."
    target = folder / "arendegenomgang.md"
    target.write_text(target.read_text(encoding="utf-8") + "\n## Nytt avsnitt\n\nVi kör ärendedragning på "
                      "fredagar med fika.\n", encoding="utf-8")
    (folder / "signs_of_safety.html").unlink()
    report = catalogue.index_directory(folder)
    assert (report.updated, report.removed, len(report.unchanged)) == (["arendegenomgang.md"],
                                                                      ["signs_of_safety.html"], 19)
    assert catalogue.search("ärendedragning fredagar fika").hits[0].section == "Nytt avsnitt"
    assert all(h.document != "signs_of_safety.html" for h in catalogue.search("signs of safety tre hus").hits)


def test_an_unreadable_file_is_reported_and_the_rest_indexed(catalogue: RoutineCatalogue, tmp_path: Path) -> None:
    folder = tmp_path / "rutiner"
    folder.mkdir()
    shutil.copy(DEMO_CATALOGUE / "forhandsbedomning.docx", folder)
    (folder / "trasig.docx").write_bytes(b"not a zip")
    (folder / "kalkyl.xlsx").write_bytes(b"PK")
    report = catalogue.index_directory(folder)
    assert report.added == ["forhandsbedomning.docx"]
    assert dict(report.failed) == {"kalkyl.xlsx": "filtypen .xlsx stöds inte",
                                   "trasig.docx": "filen kunde inte läsas som docx (PackageNotFoundError)"}


def test_feedback_is_stored_without_identity_numbers(demo: RoutineCatalogue) -> None:
    demo.record_feedback("vem utreder avvikelser", "rutin_avvikelser.md", "Utredning", True, "me.anna")
    demo.record_feedback("barnet 121212-1212 fick vänta", "rutin_avvikelser.md", None, False, "me.anna")
    [row] = demo.feedback_summary()
    assert (row.document, row.helpful, row.not_helpful) == ("rutin_avvikelser.md", 1, 1)
    assert "1212" not in row.questions_not_helpful[0]


def test_routines_due_for_review(demo: RoutineCatalogue) -> None:
    due = demo.documents_due_for_review(30, today=date(2026, 11, 22))
    assert [(d.document, d.days_left) for d in due] == [
        ("rutin_avvikelser_2021.txt", -1241), ("utredning_bbic.html", 8), ("klagomal_och_synpunkter.html", 23)]


def test_a_question_with_the_verb_finds_the_heading_with_the_noun(demo: RoutineCatalogue) -> None:
    top = demo.search("vem utreder avvikelser").hits[0]
    assert (top.document, top.section) == ("rutin_avvikelser.md", "Utredning och tidsfrist")
