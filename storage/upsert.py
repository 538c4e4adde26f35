"""Portable "insert unless it exists" and counters, for SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlmodel import Session

from storage.models import NumberSequence
from storage.prepared import Prepared


def insert_ignore(session: Session, table: Table, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING. Returns True when a row was inserted."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(table).values(**values).on_conflict_do_nothing()
    result = session.execute(stmt)
    return bool(result.rowcount)  # type: ignore[attr-defined]


def insert_ignore_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> int:
    """Several rows in one INSERT … ON CONFLICT DO NOTHING; returns how many were new."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    # executemany with RETURNING (SQLAlchemy's insertmanyvalues): one cached statement, and the rows
    # returned are only those inserted (rowcount is not reliable for multi-row inserts).
    stmt = module.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
    return len(session.execute(stmt, rows).all())


def insert_ignore_bulk(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many rows, ON CONFLICT DO NOTHING, nothing returned: the driver's own executemany (psycopg pipelines
    one prepared statement), for imports where a count is not needed."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    session.execute(module.insert(table).on_conflict_do_nothing(), rows)


def next_in_sequence(connection: Connection, name: str) -> int:
    """Increment and return a named counter inside the caller's transaction, in one statement.

    The upsert takes a row lock (PostgreSQL) or runs under the database write lock (SQLite, BEGIN
    IMMEDIATE), so concurrent callers serialise; a rolled-back transaction returns its number,
    leaving no gap.
    """
    row = _SEQUENCE_UPSERT.execute(connection, {"name": name})
    assert row is not None
    return int(row[0])


def _sequence_upsert(dialect: str) -> Any:
    # Compiled once per dialect by Prepared below; the name is a parameter.
    table: Table = NumberSequence.__table__  # type: ignore[attr-defined]
    module = postgresql if dialect == "postgresql" else sqlite
    insert = module.insert(table).values(name=bindparam("name"), last_value=1)
    return insert.on_conflict_do_update(
        index_elements=[table.c.name], set_={"last_value": table.c.last_value + 1}
    ).returning(table.c.last_value)


_SEQUENCE_UPSERT = Prepared(_sequence_upsert)
