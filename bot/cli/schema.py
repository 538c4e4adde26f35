"""Commands check the database schema cheaply instead of migrating on every call.

A read command (export, `rutiner sök`) only checks, and says what to run when the schema is
behind; a command that writes (org import, indexing) migrates when, and only when, it is behind.
`lotsen db upgrade` is what migrates explicitly.
"""

from __future__ import annotations

import typer

SCHEMA_BEHIND = ("Databasen har inte den senaste strukturen (schemat) för den här versionen av Lotsen. "
                 "Kör `lotsen db upgrade` och försök sedan igen.")
SCHEMA_UNKNOWN = ("Databasen har uppdaterats av en nyare version av Lotsen än den här. "
                  "Uppdatera Lotsen innan du använder databasen.")
EXIT_SCHEMA = 2


def require_schema(url: str, *, upgrade: bool = False) -> None:
    """Stop with a Swedish message (exit code 2) unless the schema is current; with `upgrade`,
    a schema that is behind is migrated first. Errors reaching the database propagate."""
    from storage.schema import SchemaState, schema_status, upgrade_if_behind

    if upgrade:
        status = upgrade_if_behind(url)
    else:
        from storage.db import make_engine

        engine = make_engine(url)
        try:
            status = schema_status(engine)
        finally:
            engine.dispose()
    if status.state is SchemaState.BEHIND:
        typer.echo(SCHEMA_BEHIND, err=True)
        raise typer.Exit(EXIT_SCHEMA)
    if status.state is SchemaState.UNKNOWN:
        typer.echo(SCHEMA_UNKNOWN, err=True)
        raise typer.Exit(EXIT_SCHEMA)
