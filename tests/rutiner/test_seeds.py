"""The five real municipal documents index cleanly and answer questions they hold the answer to."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.rutiner.service import RoutineCatalogue
from storage.db import Database

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture
def seeds(db_url: str) -> RoutineCatalogue:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    # Words only: these check ranking on real reports, which the hashing test double would only blur
    # (the real model's figures are in benchmarks/rutiner/evaluate.py).
    catalogue = RoutineCatalogue(Database(db_url), embedder=None)
    report = catalogue.index_directory(SEEDS)
    assert not report.failed and len(report.added) == 5
    return catalogue


def test_long_reports_get_their_real_titles(seeds: RoutineCatalogue) -> None:
    titles = {h.document: h.title for q in ("signs of safety", "aktgranskning", "Tryggve", "öppenvård 0-12",
                                             "kvalitetsberättelsen Nacka")
              for h in seeds.search(q, limit=5).hits}
    assert titles["000_56e2fa8baf4733b0.txt"] == "Yttrande i tillsynsärende - Inspektionen för vård och omsorg"
    assert titles["001_7df18b0522fd7f8d.txt"].startswith("Svar på kommunrevisionens granskning")
    assert titles["002_8d96539ba906f543.txt"] == "Öppenvård barn 0-12 år"
    assert titles["004_72718915d89ffdf7.txt"] == "Kvalitets- och verksamhetsberättelse 2014- 2015"


@pytest.mark.parametrize(("question", "document", "passage"), [
    ("hur går aktgranskningen till", "001_7df18b0522fd7f8d.txt", "aktgransk"),
    ("signs of safety grundprinciper", "000_56e2fa8baf4733b0.txt", "Signs of Safety"),
    ("vad är signs of safety", "000_56e2fa8baf4733b0.txt", "Signs of Safety"),
    ("hur många förhandsbedömningar inleddes 2022", "001_7df18b0522fd7f8d.txt", "förhandsbedömning"),
    ("kvalitetsledningssystemet Tryggve", "004_72718915d89ffdf7.txt", "Tryggve"),
    ("kvalitetsgranskning av öppenvård för barn 0-12 år", "002_8d96539ba906f543.txt", "öppenvård"),
    ("handlingsplan efter lex sarah", "000_56e2fa8baf4733b0.txt", "handlingsplan"),
    ("PUFF-snurren", "001_7df18b0522fd7f8d.txt", "PUFF"),
    ("hur många anmälningar kom in till mottagningsenheten", "004_72718915d89ffdf7.txt", "anmälningar"),
    ("stafettpinnen", "002_8d96539ba906f543.txt", "Stafettpinnen"),
])
def test_seed_questions_find_the_right_passage(
    seeds: RoutineCatalogue, question: str, document: str, passage: str
) -> None:
    result = seeds.search(question)
    assert result.answered
    top = result.hits[0]
    assert top.document == document
    assert passage.lower() in (top.section + " " + top.excerpt).lower()
    assert len(top.excerpt) <= 300


def test_reports_do_not_answer_what_they_do_not_cover(seeds: RoutineCatalogue) -> None:
    for question in ("hur bokar jag semester", "när är julbordet", "regler för friskvårdsbidrag"):
        assert not seeds.search(question).answered, question
