"""Engine and session factory.

SQLite is the embedded default; PostgreSQL is production. SQLite gets WAL, foreign keys and a
busy timeout so several threads (and processes) can write without "database is locked". Within a
process, SQLite writers also queue on a lock per database file: SQLite's own busy handler sleeps
and retries (1, 2, 5 … 100 ms), so under a burst of fifty submissions the unlucky ones slept for
the lock far longer than the lock was held; a queue hands it over as soon as it is free.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, create_engine

import storage.org_generation  # noqa: F401  (registers the hook that bumps the organisation's generation)
from storage.prepared import Prepared

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
        # Enough pooled connections for every thread that reads or writes at once (waitress's eight, the
        # writer, the after-ack worker, the dispatcher). With SQLAlchemy's five, a burst opened and closed
        # connections all the time, and each new one read the schema again.
        kwargs.setdefault("pool_size", 20)
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
            # A SAVEPOINT's undo journal (shared commits give each piece one) and temporary sort tables
            # stay in memory: on disk, every shared commit created, chowned and deleted a temporary file.
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # Read-only sessions take no write lock, so lookups never queue behind a writer. Sent on the
            # driver's connection: through exec_driver_sql it cost as much as the rest of a short write.
            begin = "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"
            conn.connection.driver_connection.execute(begin)

        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # Default to psycopg 3, the driver we install.
        url = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    return create_engine(url, pool_pre_ping=True, **kwargs)


T = TypeVar("T")


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


class _Pending(Generic[T]):
    """One caller's work waiting for a shared commit."""

    def __init__(self, work: Callable[[Connection], T]) -> None:
        self.work = work
        self.done = False
        self.value: T | None = None
        self.error: BaseException | None = None

    def outcome(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


class Database:
    """Owns one engine; hands out sessions that commit on success and roll back on error."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._read_engine = self.engine.execution_options(**{READ_ONLY: True})
        self._writer_lock = sqlite_writer_lock(self.engine)
        self._pending: list[_Pending[Any]] = []
        self._pending_guard = threading.Lock()

    def write_shared(self, work: Callable[[Connection], T]) -> T:
        """Run `work(connection)` in a write transaction and return its result once it is committed; on
        SQLite, work queued by other threads meanwhile shares the transaction and its one commit.

        For hot paths of plain Core statements: `work` gets a Core connection, not an ORM session (a
        session's bookkeeping cost more than the statements). A commit on SQLite waits for the disk
        (fsync: milliseconds, most of a short write's time), and writers take turns, so fifty
        submissions at once wrote fifty times in a row. Here the thread that gets the lock runs
        everything queued, each piece in a SAVEPOINT (a piece that raises is rolled back alone and its
        caller gets the exception), commits once, and each caller returns only after that commit: what
        a caller is told is stored is stored. `work` must not open another write session (it would
        wait for this one) and runs on whichever thread leads.
        """
        if self._writer_lock is None:
            with self.engine.begin() as connection:
                return work(connection)
        item: _Pending[T] = _Pending(work)
        with self._pending_guard:
            self._pending.append(item)
        with self._writer_lock:
            if not item.done:
                self._run_pending()
        return item.outcome()

    def _run_pending(self) -> None:
        with self._pending_guard:
            batch, self._pending = self._pending, []
        failure: BaseException | None = None
        try:
            with self.engine.connect() as connection:
                transaction = connection.begin()
                if len(batch) == 1:  # alone: no SAVEPOINT needed, a failure rolls back the transaction
                    try:
                        batch[0].value = batch[0].work(connection)
                    except Exception as exc:
                        batch[0].error = exc
                        transaction.rollback()
                        return
                else:
                    cursor = connection.connection.cursor()
                    for pending in batch:
                        # A SAVEPOINT of SQLite's own on the driver's cursor: SQLAlchemy's begin_nested
                        # costs fifty times as much, and this batch runs on SQLite only.
                        cursor.execute("SAVEPOINT lotsen_piece")
                        try:
                            pending.value = pending.work(connection)
                        except Exception as exc:
                            pending.error = exc
                            cursor.execute("ROLLBACK TO SAVEPOINT lotsen_piece")
                        cursor.execute("RELEASE SAVEPOINT lotsen_piece")
                    cursor.close()
                transaction.commit()
        except BaseException as exc:
            failure = exc  # nothing of the batch is stored: every caller hears so
            raise
        finally:
            for pending in batch:
                if failure is not None and pending.error is None:
                    pending.error = failure
                pending.done = True

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

    def read_scalar(self, statement: Prepared, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row of a SELECT, or None: one round trip on the driver's own
        connection (on SQLite no BEGIN and ROLLBACK around it, no write lock)."""
        raw = self._read_engine.raw_connection()
        try:
            row = statement.first_row(raw, self.engine.dialect, params or {})
        finally:
            raw.close()  # back to the pool, which rolls back whatever the driver began
        return row[0] if row else None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for lookups only: nothing is committed, and on SQLite no write lock is taken."""
        # Closing (not rolling back) ends the transaction without expiring what was loaded.
        with Session(self._read_engine, expire_on_commit=False, autoflush=False) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
