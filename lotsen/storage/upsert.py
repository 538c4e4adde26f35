"""Portable "insert unless it exists" and counters, for SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from lotsen.storage.models import NumberSequence


def insert_ignore(session: Session, table: Table, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING. Returns True when a row was inserted."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(table).values(**values).on_conflict_do_nothing()
    result = session.execute(stmt)
    return bool(result.rowcount)  # type: ignore[attr-defined]


def next_in_sequence(session: Session, name: str) -> int:
    """Increment and return a named counter inside the caller's transaction.

    The UPDATE takes a row lock (PostgreSQL) or the database write lock (SQLite, BEGIN IMMEDIATE),
    so concurrent callers serialise; a rolled-back transaction returns its number, leaving no gap.
    """
    table: Table = NumberSequence.__table__  # type: ignore[attr-defined]
    insert_ignore(session, table, {"name": name, "last_value": 0})
    stmt = (
        update(table)
        .where(table.c.name == name)
        .values(last_value=table.c.last_value + 1)
        .returning(table.c.last_value)
    )
    return int(session.execute(stmt).scalar_one())
