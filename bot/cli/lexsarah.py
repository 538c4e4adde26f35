"""`lotsen lexsarah dokument LXS-YYYY-NNNN --format docx [-o FIL] --som PERSON`: the investigation with its
handlingsplan as a Word document for the nämnd and IVO's e-service, for someone who may see it.

`--som` names who is making the document (person id, e-mail or Slack id): the same permission check as in
the chat, and every document made (and every refusal) is audited. Errors the user can fix go to stderr
in Swedish with exit code 2.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from bot.cli.export_files import ExportFormat, write_rows

if TYPE_CHECKING:
    from bot.config import Settings

app = typer.Typer(help="Lex Sarah: dokument för nämnden och IVO.", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_show_locals=False)

EXIT_USAGE = 2


def get_settings() -> Settings:
    """The checked settings, imported when a command needs them (pydantic-settings costs ~0.1 s)."""
    from bot.config import get_settings as checked

    return checked()


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


class DocFormat(StrEnum):
    docx = "docx"


@app.command("dokument")
def dokument(
    number: Annotated[str, typer.Argument(help="Rapportens nummer, t.ex. LXS-2026-0007")],
    format: Annotated[str, typer.Option("--format", help="Dokumentets format (docx)")] = "docx",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil att skriva (annars NUMMER.docx)")] = None,
    som: Annotated[str | None, typer.Option("--som", help="Vem du är (person-id, e-post eller Slack-id)")] = None,
) -> None:
    """Skriv utredningen med handlingsplanen som Word-dokument (för nämnden och IVO:s e-tjänst)."""
    from bot.app import build
    from bot.errors import UserError
    from bot.lex_sarah import texts as t
    from bot.lex_sarah.document import build_docx
    from bot.org.directory import find_person

    if format.lower() != DocFormat.docx:
        _fail(t.ERR_DOC_FORMAT.format(fmt=format))
    if not som:
        _fail("Ange vem du är med --som (person-id, e-post eller Slack-id). Dokumentet visas bara för den som får "
              "se rapporten.")
    if output is not None and output.is_dir():
        _fail(f"{output} är en katalog. Ange ett filnamn med -o.")
    lotsen = build(get_settings())
    with lotsen.db.read() as session:
        actor = find_person(session, som)
    if actor is None or not actor.active:
        _fail(f"Ingen aktiv person i organisationen heter '{som}'.")
    try:
        data = lotsen.lex_sarah.document_data(actor, number, channel="cli")
    except UserError as exc:
        _fail(exc.message)
    target = output or Path(f"{data.report.number}.docx")
    try:
        target.write_bytes(build_docx(data))
    except OSError as exc:
        _fail(f"Kunde inte skriva {target}: {exc.strerror or exc}.")
    typer.echo(t.DOC_WRITTEN.format(number=data.report.number, path=target), err=True)


def export_lexsarah(
    format: Annotated[ExportFormat, typer.Option("--format", help="csv eller json")] = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil att skriva till (annars stdout)")] = None,
) -> None:
    """Lex Sarah-rapporter för statistik: nummer, status, enhet, datum för varje steg, ställningstagande och
    IVO-datum. Ingen fritext."""
    from bot.app import build
    from bot.lex_sarah.export import EXPORT_COLUMNS, export_rows

    rows = export_rows(build(get_settings()).db)
    write_rows(rows, EXPORT_COLUMNS, format, output, "lex Sarah-rapporter")
