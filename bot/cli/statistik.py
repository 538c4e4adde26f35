"""CLI for statistics: `lotsen rapport`, `lotsen export frister` and `lotsen demo fyll`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.export_files import ExportFormat, write_rows

if TYPE_CHECKING:
    from bot.app import Lotsen

demo_app = typer.Typer(help="Demodata: organisation och historik att prova rapporterna på.", no_args_is_help=True)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _lotsen() -> Lotsen:
    """The wired core; a bad setting (say LOTSEN_STATISTIK_TARGETS) is a Swedish message, not a traceback."""
    from pydantic import ValidationError

    from bot.app import build
    from bot.config import get_settings  # here, not at import: pydantic-settings costs every command ~0.1 s

    try:
        settings = get_settings()
    except ValidationError as exc:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        _fail(f"Felaktig inställning: {problems}")
        raise
    return build(settings)


def rapport(
    period: Annotated[str, typer.Option("--period", help="2026, 2026T2, 2026H1 eller 2026-03-01..2026-06-30")],
    format: Annotated[str, typer.Option("--format", help="xlsx, csv, png eller docx")] = "xlsx",
    enhet: Annotated[str | None, typer.Option("--enhet", help="Enhetens kod; enheter under den ingår")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil att skriva (annars rapport-PERIOD.FORMAT)")]
    = None,
) -> None:
    """Rapport för kvalitetsenheten, chefer och nämnden: avvikelser, lex Sarah, frister och trender."""
    from bot.errors import UserError
    from bot.statistik import periods
    from bot.statistik import texts as t
    from bot.statistik.render import FORMATS, render
    from bot.statistik.service import StatistikService

    fmt = format.strip().lower()
    if fmt not in FORMATS:
        _fail(t.ERR_FORMAT.format(fmt=format[:20]))

    try:
        chosen = periods.parse(period)
    except periods.PeriodError as exc:
        _fail(exc.message)
        return
    lotsen = _lotsen()
    try:
        report = StatistikService(lotsen.db, lotsen.settings).report(chosen, enhet)
    except UserError as exc:
        _fail(exc.message)
        return
    data = render(report, fmt)
    target = output or Path(f"rapport-{chosen.label.replace('..', '_')}{'-' + enhet if enhet else ''}.{fmt}")
    if str(target) == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        target.write_bytes(data)
    except OSError as exc:
        del exc
        _fail(f"Kunde inte skriva {target}. Kontrollera att mappen finns och att du får skriva där.", code=1)
    typer.echo(f"Rapporten {chosen.label} ({report.scope}) är skriven till {target}.", err=True)


def export_frister(
    format: Annotated[ExportFormat, typer.Option("--format", help="csv eller json")] = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil att skriva till (annars stdout)")] = None,
) -> None:
    """Varje frist i ärenden: typ, enhet, handläggare, datum, förlängning, status. Inga klientuppgifter."""
    from bot.clock import today_local
    from bot.statistik.exports import FRIST_COLUMNS, frist_rows

    rows = frist_rows(_lotsen().db, today_local())
    write_rows(rows, FRIST_COLUMNS, format, output, "frister")


@demo_app.command("fyll")
def demo_fyll(
    avvikelser: Annotated[int, typer.Option("--avvikelser", help="Antal avvikelser (0–1 000 000)")] = 600,
    frister: Annotated[int, typer.Option("--frister", help="Antal frister (0–2 000 000)")] = 3000,
    lexsarah: Annotated[int, typer.Option("--lexsarah", help="Antal lex Sarah (0–100 000)")] = 40,
    fran: Annotated[str | None, typer.Option("--från", "--fran", help="Första dag (ÅÅÅÅ-MM-DD); standard 1 jan i fjol")]
    = None,
    seed: Annotated[int, typer.Option("--seed", help="Slumpfrö: samma frö ger samma historik")] = 2026,
) -> None:
    """Fyll den konfigurerade databasen med en realistisk historik (demoorganisationen läggs in om den är tom)."""
    from bot.clock import today_local
    from bot.demo.history import fill

    for option, value, most in (("--avvikelser", avvikelser, 1_000_000), ("--frister", frister, 2_000_000),
                                ("--lexsarah", lexsarah, 100_000)):
        if not 0 <= value <= most:
            _fail(f"{option} måste vara ett antal mellan 0 och {most:,}.".replace(",", " "))
    start: date | None = None
    if fran is not None:
        try:
            start = date.fromisoformat(fran)
        except ValueError:
            _fail(f"Ogiltigt datum för --från: '{fran[:40]}'. Skriv ÅÅÅÅ-MM-DD.")
            return
        if start > today_local() or start.year < 2000:
            _fail("--från måste ligga mellan 2000-01-01 och i dag.")
    result = fill(_lotsen(), avvikelser=avvikelser, frister=frister, lexsarah=lexsarah, start=start,
                  seed=seed)
    typer.echo(result.summary())


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    app.command("rapport")(rapport)
    export_app.command("frister")(export_frister)
    app.add_typer(demo_app, name="demo")
