"""Shared fixtures: databases (SQLite always, PostgreSQL when available), the wired core, demo people."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from bot.app import Lotsen, build
from bot.config import Settings
from bot.demo.seed import DEMO_ORG
from bot.org.importer import import_org
from storage.models import Person
from tests.support import databases

# Routine search's dense model is exercised in tests/rutiner (a test double, and a few tests with the
# real model); elsewhere catalogues search by words only, so no test waits for embeddings.
os.environ.setdefault("LOTSEN_RUTIN_EMBEDDER", "ingen")

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if __import__("os").environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    admin = databases.postgres_admin_url()
    if admin is None:
        yield None
        return
    with databases.postgres_database(admin) as url:
        yield url


def _backends() -> list[object]:
    return ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated, empty database: SQLite, and PostgreSQL too when LOTSEN_TEST_POSTGRES_URL is set."""
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        if url is None:
            pytest.skip("PostgreSQL not configured (set LOTSEN_TEST_POSTGRES_URL)")
        databases.truncate_all(url)
        return str(url)
    return databases.fresh_sqlite(sqlite_template, tmp_path)


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    return databases.fresh_sqlite(sqlite_template, tmp_path)


def make_lotsen(url: str) -> Lotsen:
    lotsen = build(Settings(database_url=url), migrate=False)
    with lotsen.db.session() as session:
        report = import_org(session, DEMO_ORG)
        assert report.ok, report.summary()
    return lotsen


@pytest.fixture
def lotsen(db_url: str) -> Iterator[Lotsen]:
    app = make_lotsen(db_url)
    yield app
    app.db.dispose()


@pytest.fixture
def cli_db(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[str]:
    """LOTSEN_DATABASE_URL for commands run through the CLI in this test."""
    from bot.config import reset_settings_cache

    monkeypatch.setenv("LOTSEN_DATABASE_URL", sqlite_url)
    reset_settings_cache()
    yield sqlite_url
    reset_settings_cache()


@pytest.fixture
def people(lotsen: Lotsen) -> dict[str, Person]:
    from sqlmodel import select

    with lotsen.db.session() as session:
        return {p.key: p for p in session.exec(select(Person))}
