"""The `lotsen` command: run the bot, the console demo, migrations, imports and exports."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.export_files import ExportFormat, write_rows
from bot.cli.lazy import LazyGroup

if TYPE_CHECKING:
    from bot.app import Lotsen
    from bot.config import Settings, SlackSettings


def get_settings() -> Settings:
    # Imported when a command needs it: pydantic-settings alone costs ~0.1 s of every start.
    from bot.config import get_settings as cached_settings

    return cached_settings()


def get_slack_settings() -> SlackSettings:
    from bot.config import get_slack_settings as checked_slack_settings

    return checked_slack_settings()


# Never print local variables in tracebacks: they may hold report content.
# Sub-apps in LazyGroup (frist, rutiner) are imported only when their command runs.
app = typer.Typer(help="Lotsen: avvikelser, frister och rutiner för socialtjänsten.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_show_locals=False, cls=LazyGroup)
db_app = typer.Typer(help="Databasen.", no_args_is_help=True)
org_app = typer.Typer(help="Organisationen: enheter, personer och roller.", no_args_is_help=True)
export_app = typer.Typer(help="Export för kvalitetsenheten.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(org_app, name="org")
slack_app = typer.Typer(help="Slack: appens manifest.", no_args_is_help=True)
import_app = typer.Typer(help="Import från verksamhetssystemet.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
app.add_typer(slack_app, name="slack")


from bot.cli import statistik as _statistik  # noqa: E402  (rapport, export frister, demo fyll)

_statistik.register(app, export_app)


__import__("bot.cli.outbox", fromlist=["register"]).register(app)  # utkorg, påminnelser, digest


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _setup_logging(verbose: bool = False) -> None:
    from bot.cli.logs import setup_logging

    setup_logging(get_settings().log_level, verbose=verbose)


def _parse_date(raw: str | None, option: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        _fail(f"Ogiltigt datum för {option}: '{raw}'. Skriv ÅÅÅÅ-MM-DD.")
    return None


def _read_only(build: Callable[..., Lotsen]) -> Lotsen:
    """The core for a command that only reads: the schema is checked, never migrated, and a database
    that does not exist is named, not created. An empty one is named too (on stderr)."""
    from bot.cli.database import read_database_or_exit, tell_if_without_organisation
    from bot.cli.schema import require_schema

    settings = get_settings()
    read_database_or_exit(settings.database_url)
    require_schema(settings.database_url)
    lotsen = build(settings, migrate=False)
    tell_if_without_organisation(lotsen)
    return lotsen


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Skapa eller uppgradera databasens schema (Alembic)."""
    from bot.cli.database import shown_url
    from storage.migrate import upgrade

    url = get_settings().database_url
    upgrade(url)
    typer.echo(f"Databasen är uppdaterad: {shown_url(url)}")


@org_app.command("import")
def org_import(
    file: Annotated[Path, typer.Argument(help="YAML-fil med enheter och personer")],
    confirm: Annotated[bool, typer.Option(
        "--bekräfta", "--bekrafta",
        help="Flytta öppet arbete från personer som avaktiveras till enhetens chef")] = False,
) -> None:
    """Läs in enheter, personer, roller och chefer. En fil med fel ändrar ingenting, och inte heller en
    import som avaktiverar någon med öppet arbete, förrän du kör med --bekräfta."""
    from bot.cli.database import build_and_tell
    from bot.org.importer import import_org

    if not file.exists():
        _fail(f"Filen {file} finns inte.")
    lotsen = build_and_tell(get_settings(), expect_organisation=False)
    with lotsen.db.session() as session:
        report = import_org(session, file, confirm=confirm, settings=get_settings())
        if not report.ok:
            session.rollback()
    typer.echo(report.summary(), err=not report.ok)
    if not report.ok:
        raise typer.Exit(1)


@export_app.command("avvikelser")
def export_avvikelser(
    format: Annotated[ExportFormat, typer.Option("--format", help="csv eller json")] = ExportFormat.csv,
    from_: Annotated[str | None, typer.Option("--from", help="Från och med rapportdatum (ÅÅÅÅ-MM-DD)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Till och med rapportdatum (ÅÅÅÅ-MM-DD)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil att skriva till (annars stdout)")] = None,
) -> None:
    """Alla fält utom granskningsloggen, för kvalitetsenhetens sammanställning."""
    from bot.app import build
    from bot.cli.database import tell_nothing_found

    start, end = _parse_date(from_, "--from"), _parse_date(to, "--to")
    if start and end and start > end:
        _fail("--from kan inte vara senare än --to.")
    rows = _read_only(build).avvikelser.export_rows(start, end)
    if not rows:
        tell_nothing_found(get_settings(), "avvikelser")
    from bot.avvikelse.service import EXPORT_COLUMNS

    write_rows(rows, EXPORT_COLUMNS, format, output, "avvikelser")


@export_app.command("statistik")
def export_statistik(
    from_: Annotated[str | None, typer.Option("--from", help="Från och med rapportdatum (ÅÅÅÅ-MM-DD)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Till och med rapportdatum (ÅÅÅÅ-MM-DD)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut JSON")] = False,
) -> None:
    """Sammanställning av avvikelser för kvalitetsenheten: antal per enhet, kategori, typ och status."""
    from bot.app import build
    from bot.avvikelse.statistics import compute, render
    from bot.clock import today_local

    start, end = _parse_date(from_, "--from"), _parse_date(to, "--to")
    if start and end and start > end:
        _fail("--from kan inte vara senare än --to.")
    stats = compute(_read_only(build).avvikelser.export_rows(start, end), today_local())
    typer.echo(json.dumps(stats.to_dict(), ensure_ascii=False) if as_json else render(stats, start, end))


@slack_app.command("manifest")
def slack_manifest(
    url: Annotated[str | None, typer.Option("--url", help="Publik adress till /slack/events (HTTP-läge)")] = None,
) -> None:
    """Skriv ut Slack-appens manifest (Socket Mode, eller HTTP-läge med --url)."""
    from bot.adapters.slack.manifest import manifest_yaml

    typer.echo(manifest_yaml(url), nl=False)


def _import_cases(file: Path, mappning: Path | None) -> None:
    from bot.cli.database import build_and_tell
    from bot.frist.importer import CaseImportError, import_cases, load_mapping

    if not file.exists():
        _fail(f"Filen {file} finns inte.")
    try:
        mapping = load_mapping(mappning)
        report = import_cases(build_and_tell(get_settings()).frister, file, mapping)
    except CaseImportError as exc:
        _fail(str(exc))
        return
    for note in report.notes:
        typer.echo(note, err=True)
    for row in report.rows:
        typer.echo(str(row))
    typer.echo(report.summary())
    if report.failed:
        raise typer.Exit(1)


@import_app.command("ärenden")
def import_arenden(
    file: Annotated[Path, typer.Argument(help="CSV-fil exporterad från verksamhetssystemet")],
    mappning: Annotated[Path | None, typer.Option("--mappning", help="YAML med kolumner och typer")] = None,
) -> None:
    """Skapa och uppdatera frister från en ärendelista. Samma fil två gånger ändrar ingenting."""
    _import_cases(file, mappning)


@import_app.command("arenden", hidden=True)
def import_arenden_ascii(
    file: Annotated[Path, typer.Argument()],
    mappning: Annotated[Path | None, typer.Option("--mappning")] = None,
) -> None:
    _import_cases(file, mappning)


@app.command("console")
def console(
    som: Annotated[str, typer.Option("--som", help="Vem du är i konsolen (id eller namn)")] = "me.anna",
    demo: Annotated[bool, typer.Option("--demo/--ingen-demo", help="Lägg in demoorganisation och demodata")] = True,
) -> None:
    """Lokal chatt i terminalen (SQLite, demoorganisation), utan Slack eller Teams."""
    from bot.adapters.console.session import run_console
    from bot.app import build
    from bot.clock import utcnow
    from bot.demo.seed import ensure_demo
    from bot.errors import UserError
    from bot.reminders.planner import plan_morning

    started = utcnow()
    lotsen = build(get_settings())
    if demo:
        ensure_demo(lotsen)
    else:
        from bot.cli.database import organisation_missing

        missing = organisation_missing(lotsen)
        if missing:
            _fail(missing)
    plan_morning(lotsen)  # what a morning brings: digests and review reminders land in the inboxes
    try:
        run_console(lotsen, som, sys.stdin, sys.stdout, planned_since=started)
    except UserError as exc:
        _fail(exc.message)


@app.command("run")
def run(
    http: Annotated[bool, typer.Option("--http", help="HTTP-läge (/slack/events) i stället för Socket Mode")] = False,
    port: Annotated[int | None, typer.Option("--port", help="Port i HTTP-läge (Slack 3000, Teams 3978)")] = None,
    host: Annotated[str | None, typer.Option(
        "--host", help="Adress att lyssna på (Slack HTTP 0.0.0.0, Teams 127.0.0.1 bakom omvänd proxy)")] = None,
    teams: Annotated[bool, typer.Option("--teams", help="Microsoft Teams (/api/messages) i stället för Slack")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Starta boten: Slack (Socket Mode som standard, eller --http) eller Microsoft Teams (--teams)."""
    from bot.app import build

    _setup_logging(verbose)
    if teams:
        _run_teams(host or "127.0.0.1", port or 3978)
        return
    from bot.adapters.slack.runner import StartupError, open_http, prepare, run_http, serve_socket_mode

    slack = get_slack_settings()
    try:
        lotsen = build(get_settings())
        runtime = prepare(lotsen, slack, http=http)
    except StartupError as exc:
        _fail(str(exc), code=1)
        return
    if http:
        host, port = host or "0.0.0.0", port or 3000
        try:
            server = open_http(runtime, host, port)
        except StartupError as exc:
            _fail(str(exc), code=1)
            return
        typer.echo(f"Lotsen lyssnar på http://{host}:{port}/slack/events", err=True)
        run_http(runtime, server)
    else:
        typer.echo("Lotsen ansluter till Slack med Socket Mode.", err=True)
        serve_socket_mode(runtime, slack.slack_app_token)


def _run_teams(host: str, port: int) -> None:
    from bot.adapters.teams.runner import StartupError, check_settings, prepare
    from bot.app import build
    from bot.config import TeamsSettings

    try:
        settings = TeamsSettings()
        check_settings(settings)  # before the database: a missing setting is said first
        runtime = prepare(build(get_settings()), settings, host=host, port=port, slack=get_slack_settings())
    except StartupError as exc:
        _fail(str(exc), code=1)
        return
    typer.echo(f"Lotsen lyssnar på http://{host}:{port}/api/messages (Microsoft Teams)", err=True)
    runtime.serve()


@app.command("dispatch")
def dispatch(
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    teams: Annotated[bool, typer.Option("--teams", help="Till Teams (och Slack om SLACK_BOT_TOKEN finns)")] = False,
) -> None:
    """Skicka utkorgens meddelanden till Slack (eller Teams) från en egen process (LOTSEN_DISPATCHER_IN_PROCESS)."""
    from bot.adapters.slack.runner import StartupError, run_dispatcher
    from bot.app import build

    _setup_logging(verbose)
    if teams:
        from bot.adapters.teams.runner import StartupError as TeamsStartupError
        from bot.adapters.teams.runner import check_settings
        from bot.adapters.teams.runner import run_dispatcher as run_teams_dispatcher
        from bot.config import TeamsSettings

        try:
            check_settings(TeamsSettings())
            run_teams_dispatcher(build(get_settings()), TeamsSettings(), get_slack_settings())
        except TeamsStartupError as exc:
            _fail(str(exc), code=1)
        return
    try:
        run_dispatcher(build(get_settings()), get_slack_settings())
    except StartupError as exc:
        _fail(str(exc), code=1)


def _mount_lexsarah() -> None:
    """`lotsen lexsarah dokument …` and `lotsen export lexsarah` (bot/cli/lexsarah.py)."""
    from bot.cli import lexsarah

    app.add_typer(lexsarah.app, name="lexsarah")
    export_app.command("lexsarah")(lexsarah.export_lexsarah)


_mount_lexsarah()


@app.callback()
def _check_settings_first() -> None:
    # Every setting is checked before any command runs: a wrong value is named in Swedish, exit 2.
    # When bot/fast_settings.py can vouch for them all, pydantic-settings (~0.1 s) is left for the
    # commands that read settings.
    import os

    from bot.fast_settings import checked_settings

    if checked_settings(os.environ) is not None:
        return
    from bot.config import InvalidSettings

    try:
        get_settings()
        get_slack_settings()
    except InvalidSettings as exc:
        _fail(exc.message)


def main() -> None:
    from bot.cli.errors import run as run_with_swedish_errors

    sys.exit(run_with_swedish_errors(app))


if __name__ == "__main__":
    main()
