from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from lotsen.config import reset_settings_cache


@pytest.fixture
def cli_db(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[str]:
    monkeypatch.setenv("LOTSEN_DATABASE_URL", sqlite_url)
    reset_settings_cache()
    yield sqlite_url
    reset_settings_cache()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
