"""Engine and session factory.

SQLite is the embedded default; PostgreSQL is production. SQLite gets WAL, foreign keys and a
busy timeout so several threads (and processes) can write without "database is locked". Within a
process, SQLite writers also queue on a lock per database file: SQLite's own busy handler sleeps
and retries (1, 2, 5 … 100 ms), so under a burst of fifty submissions the unlucky ones slept for
the lock far longer than the lock was held; a queue hands it over as soon as it is free.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, create_engine

READ_ONLY = "lotsen_read_only"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, **kwargs: Any) -> Engine:
    # Statement parameters hold report text; keep them out of exception messages and so out of logs.
    kwargs.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy manage transactions; we issue BEGIN IMMEDIATE ourselves so writers
            # take the lock up front instead of failing on upgrade from a read lock.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # Read-only sessions take no write lock, so lookups never queue behind a writer.
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # Default to psycopg 3, the driver we install.
        url = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    return create_engine(url, pool_pre_ping=True, **kwargs)


_WRITER_LOCKS: dict[str, threading.RLock] = {}
_WRITER_LOCKS_GUARD = threading.Lock()


def sqlite_writer_lock(engine: Engine) -> threading.RLock | None:
    """The process's lock for writers to this SQLite file (shared by every engine on the file); None
    for other databases, whose writers lock rows, not the whole database."""
    if not is_sqlite(engine):
        return None
    database = engine.url.database or ":memory:"
    key = str(Path(database).expanduser().resolve()) if database != ":memory:" else f"memory:{id(engine)}"
    with _WRITER_LOCKS_GUARD:
        return _WRITER_LOCKS.setdefault(key, threading.RLock())


class Database:
    """Owns one engine; hands out sessions that commit on success and roll back on error."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._read_engine = self.engine.execution_options(**{READ_ONLY: True})
        self._writer_lock = sqlite_writer_lock(self.engine)

    def writing(self) -> threading.RLock | nullcontext[None]:
        """Held around a write transaction: on SQLite, this process's writers take turns here (re-entrant,
        so a write nested in another on the same thread behaves as it did without the lock)."""
        return self._writer_lock if self._writer_lock is not None else nullcontext()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.writing(), Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection for a quick lookup (cheaper than a Session); on SQLite no write lock is taken."""
        with self._read_engine.connect() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for lookups only: nothing is committed, and on SQLite no write lock is taken."""
        # Closing (not rolling back) ends the transaction without expiring what was loaded.
        with Session(self._read_engine, expire_on_commit=False, autoflush=False) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
