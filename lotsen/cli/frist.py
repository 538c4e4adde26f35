"""`lotsen frist`: compute a deadline with its explanation, and list the deadline types."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from lotsen.deadlines.calculator import InvalidStart, compute
from lotsen.deadlines.rules import RuleSetError, UnknownKind, default_rules

app = typer.Typer(help="Frister: räkna ut sista dag enligt lag och lokala mål.", no_args_is_help=True)


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)


def _calculate(typ: str, startdatum: str, as_json: bool) -> None:
    try:
        start = date.fromisoformat(startdatum)
    except ValueError:
        _fail(f"Ogiltigt datum: '{startdatum}'. Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-12-10.")
        return
    try:
        result = compute(typ, start)
    except (UnknownKind, InvalidStart) as exc:
        _fail(exc.message)
        return
    except RuleSetError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    typer.echo(f"{result.name}: sista dag {result.due.isoformat()}")
    typer.echo(f"  {result.summary}")
    typer.echo(f"  Lagrum: {result.legal_basis}")
    if not result.statutory:
        typer.echo("  Lokalt mål (inte lag): flyttas inte till nästa vardag.")


@app.command("beräkna")
def berakna(
    typ: Annotated[str, typer.Argument(help="Typ av frist, t.ex. forhandsbedomning (se: lotsen frist typer)")],
    startdatum: Annotated[str, typer.Argument(help="Datum fristen räknas från, ÅÅÅÅ-MM-DD")],
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut ett JSON-objekt")] = False,
) -> None:
    """Räkna ut sista dag och visa varje steg."""
    _calculate(typ, startdatum, as_json)


@app.command("berakna", hidden=True)
def berakna_ascii(
    typ: Annotated[str, typer.Argument()],
    startdatum: Annotated[str, typer.Argument()],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    _calculate(typ, startdatum, as_json)


@app.command("typer")
def typer_(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Vilka typer av frister Lotsen känner till."""
    try:
        rules = default_rules().rules
    except RuleSetError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in rules], ensure_ascii=False))
        return
    width = max(len(r.key) for r in rules)
    for r in rules:
        moves = "flyttas enligt 1930:173" if r.applies_1930_173 else "flyttas inte"
        kind = "lag" if r.statutory else "lokalt mål"
        typer.echo(f"{r.key.ljust(width)}  {r.name}: {r.length_text()} ({kind}, {moves})")
        typer.echo(f"{' ' * width}  {r.legal_basis}")
