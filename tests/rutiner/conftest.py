from __future__ import annotations

import pytest

from bot.app import Lotsen
from bot.demo.seed import DEMO_CATALOGUE
from bot.rutiner.service import RoutineCatalogue
from storage.db import Database
from tests.support.embedder import HashingEmbedder


@pytest.fixture
def catalogue(db_url: str) -> RoutineCatalogue:
    return RoutineCatalogue(Database(db_url), embedder=HashingEmbedder())


@pytest.fixture
def demo(catalogue: RoutineCatalogue) -> RoutineCatalogue:
    report = catalogue.index_directory(DEMO_CATALOGUE)
    assert not report.failed, report.failed
    return catalogue


@pytest.fixture
def demo_lotsen(lotsen: Lotsen) -> Lotsen:
    lotsen.rutiner.index_directory(DEMO_CATALOGUE)
    return lotsen
