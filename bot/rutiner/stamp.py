"""The catalogue's state as one string, computed with plain SQL so that the ORM path (service.py) and the
fast command-line path (fast_cli.py, sqlite3 without SQLAlchemy) agree on it to the character."""

from __future__ import annotations

import hashlib
from pathlib import Path

FORMAT = "3"  # bump when the pickled index changes shape
DOCUMENTS_SQL = "SELECT count(id), max(indexed_at) FROM routine_document"
VECTORS_SQL = "SELECT count(id) FROM routine_embedding WHERE model = ?"
INDEX_SQL = "SELECT data FROM routine_index_cache WHERE stamp = ?"


def synonyms_key(path: str | None) -> str:
    from bot.rutiner.analysis import DEFAULT_SYNONYMS

    source = Path(path) if path else DEFAULT_SYNONYMS
    try:
        return hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def stamp(count: int | None, latest: object, model: str, vectors: int | None, synonyms: str) -> str:
    return f"{FORMAT}|{int(count or 0)}|{latest}|{model}|{int(vectors or 0)}|{synonyms}"
