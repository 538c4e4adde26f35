"""Read commands check the schema instead of migrating; write commands migrate only when behind."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage.db import make_engine
from storage.migrate import MIGRATIONS_DIR, alembic_config, upgrade
from storage.schema import SchemaState, code_revisions, schema_status

LOTSEN = [sys.executable, "-m", "bot.cli.main"]


def _env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOTSEN_")}
    return env | {"LOTSEN_DATABASE_URL": url}


def _versions(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}


def test_the_revisions_read_from_the_files_are_alembics() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert set(code_revisions()) == {r.revision for r in script.walk_revisions()}
    assert MIGRATIONS_DIR.is_dir()


def test_a_migrated_database_is_current_and_one_behind_is_not(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = make_engine(url)
    try:
        assert schema_status(engine).state is SchemaState.BEHIND  # no tables at all
        upgrade(url, "0001_core")
        behind = schema_status(engine)
        assert behind.state is SchemaState.BEHIND and "0002_core" in behind.missing
        upgrade(url)
        assert schema_status(engine).current
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", [["export", "avvikelser"], ["export", "statistik"],
                                     ["rutiner", "sök", "vem utreder en avvikelse"]])
def test_a_read_command_on_a_schema_behind_says_what_to_run_and_migrates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "behind.db"
    upgrade(f"sqlite:///{path}", "0001_core")
    before = _versions(path)
    done = subprocess.run([*LOTSEN, *command], env=_env(f"sqlite:///{path}"), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert "lotsen db upgrade" in done.stderr and "Traceback" not in done.stderr
    assert _versions(path) == before


def test_a_read_command_on_a_new_database_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    done = subprocess.run([*LOTSEN, "export", "avvikelser"], env=_env(f"sqlite:///{path}"), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and "lotsen db upgrade" in done.stderr
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchall() == []


def test_a_write_command_migrates_a_schema_that_is_behind(tmp_path: Path) -> None:
    from bot.demo.seed import DEMO_ORG

    path = tmp_path / "behind.db"
    upgrade(f"sqlite:///{path}", "0001_core")
    done = subprocess.run([*LOTSEN, "org", "import", str(DEMO_ORG)], env=_env(f"sqlite:///{path}"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert schema_status(engine).current
    finally:
        engine.dispose()


_PROBE = """
import sys
from bot.cli.main import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print("MODULES", " ".join(m for m in ("alembic", "sqlalchemy", "bot.rutiner.service") if m in sys.modules))
"""


def test_read_commands_import_neither_alembic_nor_what_they_do_not_use(sqlite_url: str) -> None:
    def loaded(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", _PROBE, *args], env=_env(sqlite_url), capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.rsplit("MODULES", 1)[1].strip()

    assert loaded("frist", "beräkna", "utredning", "2026-12-10") == ""  # no database at all
    assert "alembic" not in loaded("rutiner", "sök", "vem utreder en avvikelse").split()
    assert "alembic" not in loaded("export", "avvikelser").split()
