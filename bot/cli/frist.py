"""`lotsen frist`: compute a deadline with its explanation, and list the deadline types.

A self-contained Typer sub-app; bot.cli.main mounts it as `frist`. Errors the user can fix (an
unknown type, a bad date, a broken rule file) go to stderr in Swedish with exit code 2.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from bot.cli.frist_text import result_text, start_date, types_lines
from bot.deadlines.calculator import InvalidStart, compute
from bot.deadlines.rules import RuleSet, RuleSetError, UnknownKind, default_rules, load_rules

app = typer.Typer(
    help="Frister: räkna ut sista dag enligt lag (1930:173) och lokala mål, och visa vilka typer som finns.",
    no_args_is_help=True,
    add_completion=False,
)

EXIT_USAGE = 2

RulesOption = Annotated[
    Path | None,
    typer.Option("--regler", help="Egen regelfil (YAML) i stället för den som är inställd", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Skriv ut ett enda JSON-objekt")]


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


def parse_iso_date(text: str) -> date:
    """YYYY-MM-DD, idag or igår (not 20261210 or 2026-W50-4, which date.fromisoformat also takes)."""
    from bot.clock import today_local

    parsed = start_date(text, today_local)
    if isinstance(parsed, str):
        _fail(parsed)
    return parsed


def _rules(path: Path | None) -> RuleSet:
    try:
        return load_rules(path) if path is not None else default_rules()
    except RuleSetError as exc:
        _fail(exc.message)


def _calculate(typ: str, startdatum: str, as_json: bool, show_steps: bool, rules_path: Path | None) -> None:
    start = parse_iso_date(startdatum)
    rules = _rules(rules_path)
    try:
        result = compute(typ, start, rules)
    except (UnknownKind, InvalidStart) as exc:
        _fail(exc.message)
    typer.echo(result_text(result, as_json, show_steps))


TypArgument = Annotated[str, typer.Argument(help="Typ av frist, t.ex. forhandsbedomning (se: lotsen frist typer)")]
DateArgument = Annotated[str, typer.Argument(help="Datum fristen räknas från, ÅÅÅÅ-MM-DD (eller idag)")]
StepsOption = Annotated[bool, typer.Option("--steg", help="Visa varje steg i uträkningen")]


@app.command("berakna", hidden=True)  # the same command without å/ä/ö
@app.command("beräkna")
def berakna(
    typ: TypArgument,
    startdatum: DateArgument,
    as_json: JsonOption = False,
    steg: StepsOption = False,
    regler: RulesOption = None,
) -> None:
    """Räkna ut sista dag och förklara hur den räknats fram."""
    _calculate(typ, startdatum, as_json, steg, regler)


@app.command("typer")
def typer_(as_json: JsonOption = False, regler: RulesOption = None) -> None:
    """Vilka typer av frister Lotsen känner till: längd, lagrum och om lag (1930:173) flyttar sista dagen."""
    for line in types_lines(_rules(regler).rules, as_json):
        typer.echo(line)
