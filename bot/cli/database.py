"""Which database a CLI command uses, said when it matters: when it was just created or is empty.

Without LOTSEN_DATABASE_URL the CLI uses ~/.local/share/lotsen/lotsen.db, and an export from there
would quietly print only a header. These notes go to stderr, so exported CSV and JSON stay clean.
"""

from __future__ import annotations

from pathlib import Path

import typer
from sqlalchemy.engine import make_url
from sqlmodel import func, select

from bot.app import Lotsen, build
from bot.config import Settings
from storage.models import Person

CREATED = ("Lotsen skapade en ny, tom databas: {url}. Sätt LOTSEN_DATABASE_URL om du menade en annan "
           "(se README, Inställningar).")
NO_ORGANISATION = ("Databasen {url} har ingen organisation inläst. Läs in en med lotsen org import FIL.yml "
                   "(format: docs/organisation.md), eller sätt LOTSEN_DATABASE_URL till rätt databas.")
NOTHING_FOUND = "Inga {what} i databasen {url}."
MISSING = ("Databasen {url} finns inte. Sätt LOTSEN_DATABASE_URL till Lotsens databas (se README, Vilken "
           "databas?), eller skapa en ny med lotsen db upgrade och lotsen org import FIL.yml.")


def shown_url(url: str) -> str:
    """The URL without its password, with `~` expanded for SQLite files."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return f"sqlite:///{Path(parsed.database).expanduser()}"
    return parsed.render_as_string(hide_password=True)


def sqlite_file_missing(url: str) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return False
    return not Path(parsed.database).expanduser().exists()


def build_and_tell(settings: Settings, *, expect_organisation: bool = True) -> Lotsen:
    """Build the core as `build` does, and say on stderr which database is used if it is new or empty."""
    created = sqlite_file_missing(settings.database_url)
    lotsen = build(settings)
    if created:
        typer.echo(CREATED.format(url=shown_url(settings.database_url)), err=True)
    elif expect_organisation:
        tell_if_without_organisation(lotsen)
    return lotsen


def tell_if_without_organisation(lotsen: Lotsen) -> None:
    with lotsen.db.read() as session:
        people = session.exec(select(func.count()).select_from(Person)).one()
    if not people:
        typer.echo(NO_ORGANISATION.format(url=shown_url(lotsen.settings.database_url)), err=True)


def read_database_or_exit(url: str) -> None:
    """A command that only reads never creates a database: a missing SQLite file is named (exit 2)."""
    if sqlite_file_missing(url):
        typer.echo(MISSING.format(url=shown_url(url)), err=True)
        raise typer.Exit(2)


def tell_nothing_found(settings: Settings, what: str) -> None:
    typer.echo(NOTHING_FOUND.format(what=what, url=shown_url(settings.database_url)), err=True)


CONSOLE_NO_ORGANISATION = (
    "Databasen {url} har ingen organisation ännu, så det finns ingen att vara i konsolen.\n"
    "Läs in en: lotsen org import organisation.yml (formatet: docs/organisation.md; ett exempel finns i "
    "bot/demo/organisation.yml).\nEller starta utan --ingen-demo för demoorganisationen."
)


def organisation_missing(lotsen: Lotsen) -> str | None:
    """The console's message for a database without people, or None."""
    with lotsen.db.read() as session:
        people = session.exec(select(func.count()).select_from(Person).where(Person.active == True)).one()  # noqa: E712
    if people:
        return None
    return CONSOLE_NO_ORGANISATION.format(url=shown_url(lotsen.settings.database_url))
