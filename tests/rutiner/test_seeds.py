"""The five real municipal documents index cleanly and answer questions they hold the answer to."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotsen.rutiner.service import RoutineCatalogue

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture
def seeds(catalogue: RoutineCatalogue) -> RoutineCatalogue:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    report = catalogue.index_directory(SEEDS)
    assert not report.failed and len(report.added) == 5
    return catalogue


@pytest.mark.parametrize(("question", "document", "passage"), [
    ("hur går aktgranskningen till", "001_7df18b0522fd7f8d.txt", "aktgransk"),
    ("signs of safety grundprinciper", "000_56e2fa8baf4733b0.txt", "Signs of Safety"),
    ("hur många förhandsbedömningar inleddes 2022", "001_7df18b0522fd7f8d.txt", "förhandsbedömning"),
    ("kvalitetsledningssystemet Tryggve", "004_72718915d89ffdf7.txt", "Tryggve"),
    ("kvalitetsgranskning av öppenvård för barn 0-12 år", "002_8d96539ba906f543.txt", "öppenvård"),
])
def test_seed_questions_find_the_right_passage(
    seeds: RoutineCatalogue, question: str, document: str, passage: str
) -> None:
    result = seeds.search(question)
    assert result.answered
    top = result.hits[0]
    assert top.document == document
    assert passage.lower() in (top.section + " " + top.excerpt).lower()
