"""`lotsen rutiner`: index a folder of routine documents, search it, read the feedback."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from bot.rutiner.service import RoutineCatalogue

app = typer.Typer(help="Rutiner: indexera kommunens rutindokument och sök i dem.", no_args_is_help=True)

DEMO_CATALOGUE = Path(__file__).resolve().parents[1] / "rutiner" / "demo_catalogue"

_state: dict[str, str | None] = {"databas": None}


@app.callback()
def _options(
    databas: Annotated[str | None, typer.Option(
        "--databas", metavar="URL",
        help="Databasens adress, t.ex. sqlite:///rutiner.db (annars LOTSEN_DATABASE_URL)")] = None,
) -> None:
    _state["databas"] = databas


def _database_url() -> str:
    from bot.config import get_settings

    return _state["databas"] or get_settings().database_url


def _catalogue(*, write: bool = False) -> RoutineCatalogue:
    from bot.cli.database import CREATED, read_database_or_exit, shown_url, sqlite_file_missing
    from bot.cli.schema import require_schema
    from bot.config import get_settings
    from bot.rutiner.analysis import SynonymFileError
    from bot.rutiner.service import RoutineCatalogue
    from storage.db import Database

    url = _database_url()
    created = write and sqlite_file_missing(url)
    if not write:
        read_database_or_exit(url)  # a search never creates a database
    try:  # a read only checks the schema; a write migrates it when behind
        require_schema(url, upgrade=write)
    except typer.Exit:
        raise
    except Exception as exc:  # a wrong URL or an unreachable server: say which, without a traceback
        typer.echo(f"Kan inte öppna databasen ({exc.__class__.__name__}). Kontrollera --databas eller "
                   "LOTSEN_DATABASE_URL.", err=True)
        raise typer.Exit(2) from exc
    if created:
        typer.echo(CREATED.format(url=shown_url(url)), err=True)
    settings = get_settings()
    synonyms = settings.rutin_synonyms
    try:
        return RoutineCatalogue(Database(url), str(synonyms) if synonyms else None,
                                embedder=settings.rutin_embedder)
    except SynonymFileError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc


def _index(mapp: Path) -> None:
    from bot.errors import UserError
    from bot.rutiner import messages

    catalogue = _catalogue(write=True)
    interactive = sys.stderr.isatty()

    def progress(name: str, n: int, total: int) -> None:
        if interactive:
            typer.echo(f"\r[{n}/{total}] {name[:60]:<60}", nl=False, err=True)
        elif n == total or n % 50 == 0 or n == 1:
            typer.echo(f"[{n}/{total}] {name}", err=True)

    try:
        report = catalogue.index_directory(mapp, progress)
    except UserError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from exc
    if interactive:
        typer.echo("", err=True)
    for name, reason in report.failed:
        typer.echo(messages.UNREADABLE.format(name=name, reason=reason), err=True)
    typer.echo(messages.index_summary(report))
    if report.failed or report.read_nothing:
        raise typer.Exit(1)


@app.command("indexera")
def indexera(mapp: Annotated[Path, typer.Argument(help="Mapp med rutindokument (docx, pdf, md, txt, html)")]) -> None:
    """Indexera en mapp (med undermappar). Bara ändrade filer läses om; borttagna filer lämnar indexet.

    Slutkod 0 när allt lästes, 1 när någon fil inte kunde läsas (resten indexeras ändå), 2 vid fel.
    """
    _index(mapp)


@app.command("demo", hidden=True)
def demo() -> None:
    """Indexera demokatalogen som följer med Lotsen."""
    _index(DEMO_CATALOGUE)


def _search(fraga: str, as_json: bool, antal: int) -> None:
    from bot.privacy.guard import identity_number_errors
    from bot.rutiner import messages

    if not fraga.strip():
        typer.echo(messages.EMPTY_QUESTION, err=True)
        raise typer.Exit(2)
    if identity_number_errors({"q": fraga}):  # refused as in the chat: not searched, not logged
        typer.echo(messages.PNR_IN_QUESTION, err=True)
        raise typer.Exit(2)
    if not 1 <= antal <= 20:
        typer.echo("--antal ska vara mellan 1 och 20.", err=True)
        raise typer.Exit(2)
    catalogue = _catalogue()  # checks the schema (says to run lotsen db upgrade when behind), never migrates
    result = catalogue.search(fraga, limit=antal)
    if catalogue.dense_warning:
        typer.echo(messages.LEXICAL_ONLY, err=True)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    typer.echo(messages.answer_text(result, with_path=True))


@app.command("sök")
def sok(
    fraga: Annotated[str, typer.Argument(help="Frågan, t.ex. \"vem utreder en avvikelse\"")],
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut JSON: answered, hits, read_as")] = False,
    antal: Annotated[int, typer.Option("--antal", help="Hur många träffar (1–20)")] = 3,
) -> None:
    """Sök i rutinerna och visa källan för varje svar (sok fungerar också)."""
    _search(fraga, as_json, antal)


@app.command("sok", hidden=True)
def sok_ascii(
    fraga: Annotated[str, typer.Argument()],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    antal: Annotated[int, typer.Option("--antal")] = 3,
) -> None:
    _search(fraga, as_json, antal)


@app.command("feedback")
def feedback() -> None:
    """Återkoppling på svaren (👍/👎) per dokument, och frågorna som fick 👎."""
    rows = _catalogue().feedback_summary()
    if not rows:
        typer.echo("Ingen återkoppling ännu.")
        return
    for row in rows:
        typer.echo(f"{row.document}: 👍 {row.helpful}  👎 {row.not_helpful}")
        for question in row.questions_not_helpful[-10:]:
            typer.echo(f"    👎 {question}")
        for suggestion in row.suggested[-10:]:
            typer.echo(f"    borde ha varit: {suggestion}")


@app.command("revision")
def revision(dagar: Annotated[int, typer.Option("--dagar", help="Inom hur många dagar")] = 30) -> None:
    """Rutiner vars Giltig till eller Revideras senast närmar sig eller har passerat."""
    due = _catalogue().documents_due_for_review(dagar)
    if not due:
        from bot.ui.phrases import days

        typer.echo(f"Inga rutiner behöver revideras inom {days(dagar)}.")
        return
    for d in due:
        from bot.ui.phrases import days_ago, in_days

        when = days_ago(-d.days_left) if d.days_left < 0 else in_days(d.days_left)
        typer.echo(f"{d.valid_until.isoformat()} ({when}): {d.title} [{d.document}], ägare {d.owner or 'okänd'}")


@app.command("påminn")
def paminn(dagar: Annotated[int, typer.Option("--dagar", help="Påminn så här många dagar i förväg")] = 30) -> None:
    """Planera påminnelser till dokumentägare (körs också varje morgon av lotsen run)."""
    from bot.reminders.routine_review import plan_review_reminders

    catalogue = _catalogue(write=True)
    planned = plan_review_reminders(catalogue.db, catalogue, within_days=dagar)
    typer.echo(f"{planned} nya påminnelser planerade.")
