"""Is the database's schema as new as the code? A cheap check, without Alembic.

Running the migrations on every command costs Alembic's import and a walk of every revision
(about 0.3 s); a read command only needs to know whether the schema is current. The revisions are
read from the migration files' text (`revision`, `down_revision`, `depends_on`), the applied ones
from `alembic_version`: the schema is current when every revision the code has is applied, that
is, is a version row or an ancestor of one (Alembic leaves out a revision another branch depends on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"
_ASSIGNMENT = re.compile(r"^(revision|down_revision|depends_on)\s*(?::[^=\n]+)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"""['"]([^'"]+)['"]""")


class SchemaState(Enum):
    CURRENT = "current"
    BEHIND = "behind"  # missing tables, or revisions the code has that the database lacks
    UNKNOWN = "unknown"  # the database has revisions this code does not know (a newer Lotsen migrated it)


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    missing: frozenset[str] = frozenset()

    @property
    def current(self) -> bool:
        return self.state is SchemaState.CURRENT


@lru_cache(maxsize=1)
def code_revisions(directory: Path = VERSIONS_DIR) -> dict[str, frozenset[str]]:
    """Every revision in the migration files, with what it builds on (down revisions and dependencies)."""
    graph: dict[str, frozenset[str]] = {}
    for path in sorted(directory.glob("*.py")):
        found: dict[str, list[str]] = {}
        for name, value in _ASSIGNMENT.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, _QUOTED.findall(value))
        if found.get("revision"):
            graph[found["revision"][0]] = frozenset(found.get("down_revision", []) + found.get("depends_on", []))
    return graph


def applied(version_rows: set[str], graph: dict[str, frozenset[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [v for v in version_rows if v in graph]
    while stack:
        revision = stack.pop()
        if revision not in seen:
            seen.add(revision)
            stack.extend(p for p in graph[revision] if p in graph)
    return seen


def database_versions(engine: Engine) -> set[str] | None:
    """The rows of alembic_version, or None when the table does not exist (a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return {str(row[0]) for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def schema_status(engine: Engine) -> SchemaStatus:
    graph = code_revisions()
    rows = database_versions(engine)
    if rows is None:
        return SchemaStatus(SchemaState.BEHIND, frozenset(graph))
    if rows - graph.keys():
        return SchemaStatus(SchemaState.UNKNOWN)
    missing = frozenset(graph.keys() - applied(rows, graph))
    return SchemaStatus(SchemaState.BEHIND, missing) if missing else SchemaStatus(SchemaState.CURRENT)


def upgrade_if_behind(url: str, engine: Engine | None = None) -> SchemaStatus:
    """Run the migrations only when the schema is behind (the check costs milliseconds, Alembic
    a few hundred): for commands that write, and for the bot at start-up."""
    from storage.db import make_engine

    own = engine is None
    engine = engine or make_engine(url)
    try:
        status = schema_status(engine)
    finally:
        if own:
            engine.dispose()
    if status.state is SchemaState.BEHIND:
        from storage.migrate import upgrade

        upgrade(url)
        return SchemaStatus(SchemaState.CURRENT)
    return status
