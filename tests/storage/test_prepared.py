"""Prepared statements store exactly what SQLAlchemy would, and fail as SQLAlchemy does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import select as sqlmodel_select

from bot.app import Lotsen
from storage import prepared
from storage.models import AuditEntry, OutboxMessage

AUDIT: Table = AuditEntry.__table__  # type: ignore[attr-defined]
OUTBOX: Table = OutboxMessage.__table__  # type: ignore[attr-defined]
COLUMNS = ["at", "actor_id", "action", "entity_type", "entity_ref", "changes", "channel"]
ROW = {"at": datetime(2026, 12, 7, 22, 15, 30, 123456, tzinfo=UTC), "actor_id": None, "action": "skapad",
       "entity_type": "avvikelse", "entity_ref": "AVV-2026-0001",
       "changes": {"status": {"old": None, "new": "mottagen"}, "text": "åäö \"citat\""}, "channel": "test"}


def stored(lotsen: Lotsen, ref: str) -> AuditEntry:
    with lotsen.db.read() as session:
        return session.exec(sqlmodel_select(AuditEntry).where(AuditEntry.entity_ref == ref)).one()


def test_a_prepared_insert_reads_back_as_one_made_through_sqlalchemy(lotsen: Lotsen) -> None:
    statement = prepared.insert(AUDIT, COLUMNS, returning=AUDIT.c.id)
    with lotsen.db.engine.begin() as connection:
        row = statement.execute(connection, ROW)
        connection.execute(AUDIT.insert(), {**ROW, "entity_ref": "AVV-2026-0002"})
    assert row is not None and isinstance(row[0], int)
    fast, usual = stored(lotsen, "AVV-2026-0001"), stored(lotsen, "AVV-2026-0002")
    assert fast.id == row[0]
    assert fast.at == usual.at == ROW["at"]  # timezone-aware UTC, microseconds kept
    assert fast.changes == usual.changes == ROW["changes"]
    with lotsen.db.engine.connect() as connection:  # the stored text itself, not only what it reads as
        raw = connection.execute(select(AUDIT.c.at, AUDIT.c.changes).order_by(AUDIT.c.id)).all()
    assert raw[-2] == raw[-1]


def test_a_duplicate_raises_sqlalchemys_integrity_error_and_the_transaction_keeps_nothing(lotsen: Lotsen) -> None:
    columns = ["key", "kind", "recipient_id", "payload", "due_at", "planned_for", "status", "attempts", "crashes",
               "created_at"]
    statement = prepared.insert(OUTBOX, columns)
    now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    row = {"key": "k1", "kind": "test", "recipient_id": 1, "payload": {"text": "x"}, "due_at": now,
           "planned_for": now, "status": "pending", "attempts": 0, "crashes": 0, "created_at": now}
    with pytest.raises(IntegrityError), lotsen.db.engine.begin() as connection:
        statement.execute(connection, row)
        statement.execute(connection, row)  # the same key again
    with lotsen.db.engine.connect() as connection:
        assert connection.execute(select(OUTBOX.c.key).where(OUTBOX.c.key == "k1")).all() == []
    ignoring = prepared.insert(OUTBOX, columns, on_conflict_do_nothing=True)
    with lotsen.db.engine.begin() as connection:
        ignoring.executemany(connection, [row, row, {**row, "key": "k2"}])
    with lotsen.db.engine.connect() as connection:
        keys = connection.execute(select(OUTBOX.c.key).where(OUTBOX.c.key.in_(["k1", "k2"]))).scalars().all()
    assert sorted(keys) == ["k1", "k2"]



def test_a_statements_own_literals_are_filled_in_and_a_missing_value_is_named(lotsen: Lotsen) -> None:
    from sqlalchemy import bindparam
    from sqlalchemy.exc import ArgumentError

    # A literal (the entity type) beside a parameter: the literal is sent without the caller naming it.
    statement = prepared.Prepared(lambda _dialect: select(AUDIT.c.id).where(
        AUDIT.c.entity_type == "avvikelse", AUDIT.c.entity_ref == bindparam("ref", type_=AUDIT.c.entity_ref.type)))
    with lotsen.db.engine.begin() as connection:
        inserted = prepared.insert(AUDIT, COLUMNS, returning=AUDIT.c.id).execute(connection, ROW)
        assert inserted is not None
        assert statement.execute(connection, {"ref": "AVV-2026-0001"}) == (inserted[0],)
        assert statement.execute(connection, {"ref": "AVV-2026-9999"}) is None
        with pytest.raises(ArgumentError, match="ref"):
            statement.execute(connection, {})
