"""Statements compiled once per dialect and run straight on the driver's cursor, for hot paths.

A form submission writes five short statements. Through `Connection.execute` each paid for a cache
key, an execution context, event dispatch and result set-up, together about four times what SQLite
spent running them. A `Prepared` statement is compiled once per dialect; a call turns its parameters
into the driver's values with the same bind processors SQLAlchemy would use (so a datetime, a date
or a JSON column is stored exactly as through the ORM) and runs on the cursor of the caller's
connection, inside the caller's transaction (or SAVEPOINT). A driver error comes back as
SQLAlchemy's exception of the same kind (an `IntegrityError` stays one), parameters hidden.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Column, Table, bindparam, exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.expression import Executable

Processor = Callable[[Any], Any]


class _Compiled:
    def __init__(self, statement: Executable, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
        self.sql: str = compiled.string
        self.positional: list[str] | None = list(compiled.positiontup) if dialect.positional else None
        self.processors: dict[str, Processor] = {}
        for name, bind in compiled.binds.items():
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self.processors[name] = processor
        # What `compiled.construct_params` would do per call, worked out once: the names a call must give,
        # and the statement's own literal values (which a call may override by name).
        self.required = [name for bind, name in compiled.bind_names.items() if bind.required]
        self.literals = {name: bind.effective_value for bind, name in compiled.bind_names.items() if not bind.required}

    def driver_params(self, params: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        try:
            values = {name: params[name] for name in self.required}
        except KeyError as missing:
            raise exc.ArgumentError(f"A value is required for bind parameter {missing}") from None
        for name, literal in self.literals.items():
            values[name] = params.get(name, literal)
        for name, processor in self.processors.items():
            values[name] = processor(values[name])
        return [values[name] for name in self.positional] if self.positional is not None else values


class Prepared:
    """`statement` (built per dialect name by `build`), compiled once per dialect."""

    def __init__(self, build: Callable[[str], Executable]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}
        self._guard = threading.Lock()

    def _for(self, dialect: Dialect) -> _Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            with self._guard:
                compiled = self._compiled.setdefault(dialect.name, _Compiled(self._build(dialect.name), dialect))
        return compiled

    @contextmanager
    def _cursor(self, dbapi_connection: Any, dialect: Dialect) -> Iterator[tuple[Any, _Compiled]]:
        compiled = self._for(dialect)
        cursor = dbapi_connection.cursor()
        try:
            yield cursor, compiled
        except dialect.loaded_dbapi.Error as error:
            raise _wrapped(compiled.sql, error, dialect) from error
        finally:
            cursor.close()

    def first_row(self, dbapi_connection: Any, dialect: Dialect,
                  params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Run once on a driver connection; the first row it returns (a SELECT, RETURNING), or None."""
        with self._cursor(dbapi_connection, dialect) as (cursor, compiled):
            cursor.execute(compiled.sql, compiled.driver_params(params))
            row = cursor.fetchone() if cursor.description else None
        return tuple(row) if row is not None else None

    def execute(self, connection: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Run once in the connection's transaction; the first row it returns, or None."""
        return self.first_row(connection.connection, connection.dialect, params)

    def executemany(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        with self._cursor(connection.connection, connection.dialect) as (cursor, compiled):
            cursor.executemany(compiled.sql, [compiled.driver_params(row) for row in rows])


def insert(table: Table, keys: Sequence[str], *, returning: Column[Any] | None = None,
           on_conflict_do_nothing: bool = False) -> Prepared:
    """INSERT of exactly these columns, each a parameter of the column's own type."""

    def build(dialect: str) -> Executable:
        module = postgresql if dialect == "postgresql" else sqlite
        statement: Any = module.insert(table).values({k: bindparam(k, type_=table.c[k].type) for k in keys})
        if on_conflict_do_nothing:
            statement = statement.on_conflict_do_nothing()
        return statement.returning(returning) if returning is not None else statement

    return Prepared(build)


def _wrapped(sql: str, error: Exception, dialect: Dialect) -> exc.StatementError:
    return exc.DBAPIError.instance(sql, None, error, dialect.loaded_dbapi.Error, hide_parameters=True,
                                   dialect=dialect)
