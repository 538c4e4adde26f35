"""The `lotsen` command: run the bot, the console demo, migrations, imports and exports."""

from __future__ import annotations

import csv
import json
import logging
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bot.config import SlackSettings, get_settings

# Never print local variables in tracebacks: they may hold report content.
app = typer.Typer(help="Lotsen: avvikelser, frister och rutiner för socialtjänsten.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_show_locals=False)
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

for _module, _name in (("bot.cli.frist", "frist"), ("bot.cli.rutiner", "rutiner")):
    try:
        app.add_typer(__import__(_module, fromlist=["app"]).app, name=_name)
    except ModuleNotFoundError as _exc:  # a feature not installed in this build
        if _exc.name != _module:
            raise


__import__("bot.cli.outbox", fromlist=["register"]).register(app)  # utkorg, påminnelser, digest


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s", stream=sys.stderr)


def _parse_date(raw: str | None, option: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        _fail(f"Ogiltigt datum för {option}: '{raw}'. Skriv ÅÅÅÅ-MM-DD.")
    return None


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Skapa eller uppgradera databasens schema (Alembic)."""
    from storage.migrate import upgrade

    url = get_settings().database_url
    upgrade(url)
    typer.echo("Databasen är uppdaterad.")


@org_app.command("import")
def org_import(file: Annotated[Path, typer.Argument(help="YAML-fil med enheter och personer")]) -> None:
    """Läs in enheter, personer, roller och chefer. En fil med fel ändrar ingenting."""
    from bot.app import build
    from bot.org.importer import import_org

    if not file.exists():
        _fail(f"Filen {file} finns inte.")
    lotsen = build(get_settings())
    with lotsen.db.session() as session:
        report = import_org(session, file)
        if not report.ok:
            session.rollback()
    typer.echo(report.summary(), err=not report.ok)
    if not report.ok:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


@export_app.command("avvikelser")
def export_avvikelser(
    format: Annotated[ExportFormat, typer.Option("--format", help="csv eller json")] = ExportFormat.csv,
    from_: Annotated[str | None, typer.Option("--from", help="Från och med rapportdatum (ÅÅÅÅ-MM-DD)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Till och med rapportdatum (ÅÅÅÅ-MM-DD)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil att skriva till (annars stdout)")] = None,
) -> None:
    """Alla fält utom granskningsloggen, för kvalitetsenhetens sammanställning."""
    from bot.app import build

    start, end = _parse_date(from_, "--from"), _parse_date(to, "--to")
    if start and end and start > end:
        _fail("--from kan inte vara senare än --to.")
    rows = build(get_settings()).avvikelser.export_rows(start, end)
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format is ExportFormat.json:
            json.dump(rows, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            from bot.avvikelse.service import EXPORT_COLUMNS

            writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    finally:
        if output:
            out.close()
    if output:
        typer.echo(f"{len(rows)} avvikelser skrivna till {output}.", err=True)


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
    stats = compute(build(get_settings()).avvikelser.export_rows(start, end), today_local())
    typer.echo(json.dumps(stats.to_dict(), ensure_ascii=False) if as_json else render(stats, start, end))


@slack_app.command("manifest")
def slack_manifest(
    url: Annotated[str | None, typer.Option("--url", help="Publik adress till /slack/events (HTTP-läge)")] = None,
) -> None:
    """Skriv ut Slack-appens manifest (Socket Mode, eller HTTP-läge med --url)."""
    from bot.adapters.slack.manifest import manifest_yaml

    typer.echo(manifest_yaml(url), nl=False)


def _import_cases(file: Path, mappning: Path | None) -> None:
    from bot.app import build
    from bot.frist.importer import CaseImportError, import_cases, load_mapping

    if not file.exists():
        _fail(f"Filen {file} finns inte.")
    try:
        mapping = load_mapping(mappning)
        report = import_cases(build(get_settings()).frister, file, mapping)
    except CaseImportError as exc:
        _fail(str(exc))
        return
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
    som: Annotated[str, typer.Option("--som", help="Vem du är i konsolen (person-id)")] = "me.anna",
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
    plan_morning(lotsen)  # what a morning brings: digests and review reminders land in the inboxes
    try:
        run_console(lotsen, som, sys.stdin, sys.stdout, planned_since=started)
    except UserError as exc:
        _fail(exc.message)


@app.command("run")
def run(
    http: Annotated[bool, typer.Option("--http", help="HTTP-läge (/slack/events) i stället för Socket Mode")] = False,
    port: Annotated[int, typer.Option("--port", help="Port i HTTP-läge")] = 3000,
    host: Annotated[str, typer.Option("--host", help="Adress i HTTP-läge")] = "0.0.0.0",
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Starta Slack-boten (Socket Mode som standard)."""
    from bot.adapters.slack.runner import StartupError, prepare, serve_http, serve_socket_mode
    from bot.app import build

    _setup_logging(verbose)
    slack = SlackSettings()
    try:
        lotsen = build(get_settings())
        runtime = prepare(lotsen, slack, http=http)
    except StartupError as exc:
        _fail(str(exc), code=1)
        return
    if http:
        typer.echo(f"Lotsen lyssnar på http://{host}:{port}/slack/events", err=True)
        serve_http(runtime, host, port)
    else:
        typer.echo("Lotsen ansluter till Slack med Socket Mode.", err=True)
        serve_socket_mode(runtime, slack.slack_app_token)


@app.command("dispatch")
def dispatch(verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    """Skicka utkorgens meddelanden till Slack från en egen process (se LOTSEN_DISPATCHER_IN_PROCESS)."""
    from bot.adapters.slack.runner import StartupError, run_dispatcher
    from bot.app import build

    _setup_logging(verbose)
    try:
        run_dispatcher(build(get_settings()), SlackSettings())
    except StartupError as exc:
        _fail(str(exc), code=1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
