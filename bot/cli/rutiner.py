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
def feedback(
    exportera: Annotated[Path | None, typer.Option(
        "--exportera", metavar="FIL",
        help="Skriv frågorna med 👍/👎 som en frågefil för lotsen rutiner utvärdera (YAML)")] = None,
) -> None:
    """Återkoppling på svaren (👍/👎) per dokument, och frågorna som fick 👎."""
    if exportera is not None:
        _export_feedback(exportera)
        return
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


def _export_feedback(target: Path) -> None:
    from bot.rutiner.feedback_export import question_file

    if target.exists():
        typer.echo(f"{target} finns redan; välj ett annat filnamn (Lotsen skriver inte över filer).", err=True)
        raise typer.Exit(2)
    catalogue = _catalogue()
    text, count = question_file(catalogue)
    if count == 0:
        typer.echo("Ingen återkoppling ännu; ingen fil skrevs.")
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"Kunde inte skriva {target} ({exc.strerror or exc}).", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"{count} frågor skrevs till {target}. Kontrollera expect på varje rad (förslagen är "
               "Lotsens gissningar), dela filen i två och skriv synonymer bara utifrån den ena; mät med "
               "lotsen rutiner utvärdera på den andra.")


def _evaluate(fil: Path, synonymer: Path | None, as_json: bool, visa_missar: bool) -> None:
    from bot.errors import UserError
    from bot.rutiner import evaluation as ev
    from bot.rutiner.analysis import SynonymFileError
    from bot.rutiner.service import RoutineCatalogue

    catalogue = _catalogue()
    try:
        questions = ev.load_question_set(fil, catalogue.document_names())
    except UserError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from exc
    runs = [("nuvarande", catalogue)]
    if synonymer is not None:
        if not synonymer.is_file():
            typer.echo(f"Filen {synonymer} finns inte.", err=True)
            raise typer.Exit(2)
        try:
            candidate = RoutineCatalogue(catalogue.db, str(synonymer), embedder=catalogue.embedder)
        except SynonymFileError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        runs.append((synonymer.name, candidate))
    results = [(name, ev.evaluate(ev.search_ranker(c.search), questions)) for name, c in runs]
    if as_json:
        typer.echo(json.dumps({name: f.to_dict() for name, f in results}, ensure_ascii=False))
        return
    figures = results[0][1]
    typer.echo(f"{len(questions)} frågor ({len(figures.answerable)} med svar i katalogen, "
               f"{len(figures.unanswerable)} utan) i {fil.name}")
    names = [name for name, _ in results]
    rows = [ev.summary_rows(f) for _, f in results]
    width = max(len(label) for label, _ in rows[0]) + 2
    typer.echo(" " * width + "".join(f"{n:<24}" for n in names))
    for i, (label, _) in enumerate(rows[0]):
        typer.echo(f"{label:<{width}}" + "".join(f"{r[i][1]:<24}" for r in rows))
    if len(results) == 2:
        before, after = (f.outcomes for _, f in results)
        better = [a for b, a in zip(before, after, strict=True) if a.right and not b.right]
        worse = [a for b, a in zip(before, after, strict=True) if b.right and not a.right]
        typer.echo(f"Med {names[1]}: {len(better)} frågor blev rätt, {len(worse)} blev fel.")
        for outcome in worse:
            typer.echo(ev.miss_line(outcome))
        typer.echo("Mät bara på frågor som inte användes för att skriva synonymerna; annars säger siffrorna lite.")
    if visa_missar:
        misses = [o for o in results[-1][1].outcomes if not o.right]
        typer.echo(f"Fel ({names[-1]}): {len(misses)}")
        for outcome in misses:
            typer.echo(ev.miss_line(outcome))


@app.command("utvärdera")
def utvardera(
    fil: Annotated[Path, typer.Argument(
        help="Frågefil (YAML): - {q: \"fråga\", expect: \"fil.docx\"} eller expect: null")],
    synonymer: Annotated[Path | None, typer.Option(
        "--synonymer", metavar="FIL",
        help="Jämför med en annan synonymfil (t.ex. ett förslag) i samma körning")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut siffrorna som JSON")] = False,
    visa_missar: Annotated[bool, typer.Option("--visa-missar", help="Lista frågorna som gick fel")] = False,
) -> None:
    """Mät rutinsökningen på egna frågor: rätt rutin först, bland tre, och frågor utan svar som avböjs."""
    _evaluate(fil, synonymer, as_json, visa_missar)


@app.command("utvardera", hidden=True)
def utvardera_ascii(
    fil: Annotated[Path, typer.Argument()],
    synonymer: Annotated[Path | None, typer.Option("--synonymer")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    visa_missar: Annotated[bool, typer.Option("--visa-missar")] = False,
) -> None:
    _evaluate(fil, synonymer, as_json, visa_missar)


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
