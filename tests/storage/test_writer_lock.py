"""SQLite writers in one process queue on a lock instead of failing or spinning on the busy timeout."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, func, select, text

from bot.app import Lotsen
from bot.avvikelse.forms import FORM_NEW
from bot.org.cache import org_snapshot
from storage.db import Database
from storage.models import ProcessedRequest
from tests.avvikelse.helpers import reports, values

THREADS = 8
WRITES = 25


def _in_threads(work: Callable[[int, int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(t: int) -> None:
        start.wait()
        for i in range(WRITES):
            try:
                work(t, i)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=run, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_writers_queue_without_database_is_locked_even_with_no_busy_timeout(sqlite_url: str) -> None:
    db = Database(sqlite_url)

    @event.listens_for(db.engine, "connect")
    def _no_busy_wait(dbapi_conn: Any, _record: Any) -> None:
        # Without the process's lock, a second writer would now fail at once with "database is locked".
        dbapi_conn.execute("PRAGMA busy_timeout=0")

    def write(t: int, i: int) -> None:
        with db.session() as session:
            session.execute(text("INSERT INTO processed_request (key, at) VALUES (:k, '2026-12-01 00:00:00')"),
                            {"k": f"t{t}:{i}"})
            session.execute(text("SELECT count(*) FROM processed_request")).scalar()  # hold the lock a little

    try:
        errors = _in_threads(write)
        assert errors == []
        with db.read() as session:
            assert session.execute(select(func.count()).select_from(ProcessedRequest)).scalar() == THREADS * WRITES
    finally:
        db.dispose()


def test_two_databases_on_one_file_share_the_lock(sqlite_url: str) -> None:
    first, second = Database(sqlite_url), Database(sqlite_url)
    try:
        assert first.writing() is second.writing()
    finally:
        first.dispose()
        second.dispose()


def test_concurrent_submissions_are_all_stored_with_distinct_numbers(lotsen: Lotsen) -> None:
    org = org_snapshot(lotsen.db)
    people = [org.person_by_key(k) for k in ("me.anna", "hl.lina", "tl.sara", "hl.erik")]

    def submit(t: int, i: int) -> None:
        actor = people[(t + i) % len(people)]
        assert actor is not None
        result = lotsen.chat.submit(actor, FORM_NEW, {}, values(event_date="2026-11-30"),
                                    submission_key=f"view:{t}:{i}", channel="slack")
        assert not result.errors and result.message is not None and "AVV-" in result.message.text

    assert _in_threads(submit) == []
    stored = reports(lotsen)
    assert len(stored) == THREADS * WRITES
    assert len({r.number for r in stored}) == THREADS * WRITES


def test_shared_commits_store_every_piece_but_the_ones_that_fail(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    failed: list[str] = []

    def write(t: int, i: int) -> None:
        key = f"t{t}:{i}"

        def work(session: Any) -> str:
            session.execute(text("INSERT INTO processed_request (key, at) VALUES (:k, '2026-12-01 00:00:00')"),
                            {"k": key})
            if i % 5 == 0:
                raise ValueError(key)  # rolled back alone; the caller gets the error
            return key

        try:
            assert db.write_shared(work) == key
        except ValueError as exc:
            failed.append(str(exc))

    try:
        assert _in_threads(write) == []
        with db.read() as session:
            keys = {row[0] for row in session.execute(text("SELECT key FROM processed_request"))}
        assert len(failed) == THREADS * WRITES // 5
        assert keys == {f"t{t}:{i}" for t in range(THREADS) for i in range(WRITES)} - set(failed)
    finally:
        db.dispose()
