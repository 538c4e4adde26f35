"""`lotsen frist`: compute a deadline with its explanation, and list the deadline types.

A self-contained Typer sub-app; bot.cli.main mounts it as `frist`. Errors the user can fix (an
unknown type, a bad date, a broken rule file) go to stderr in Swedish with exit code 2.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from bot.deadlines import texts as t
from bot.deadlines.calculator import DeadlineResult, InvalidStart, compute
from bot.deadlines.rules import Rule, RuleSet, RuleSetError, UnknownKind, default_rules, load_rules

app = typer.Typer(
    help="Frister: räkna ut sista dag enligt lag (1930:173) och lokala mål, och visa vilka typer som finns.",
    no_args_is_help=True,
    add_completion=False,
)

EXIT_USAGE = 2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

RulesOption = Annotated[
    Path | None,
    typer.Option("--regler", help="Egen regelfil (YAML) i stället för den som är inställd", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Skriv ut ett enda JSON-objekt")]


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


def parse_iso_date(text: str) -> date:
    """YYYY-MM-DD only (not 20261210 or 2026-W50-4, which date.fromisoformat also takes)."""
    from bot.clock import today_local
    from bot.ui.validation import day_word

    value = text.strip()
    named = day_word(value, today_local())
    if named is not None and named <= today_local():  # idag, igår: a deadline counts from a past day
        return named
    if not _ISO_DATE.fullmatch(value):
        _fail(f"Ogiltigt datum: '{text}'. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-10.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"Ogiltigt datum: '{text}' finns inte i kalendern. Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-12-10.")


def _rules(path: Path | None) -> RuleSet:
    try:
        return load_rules(path) if path is not None else default_rules()
    except RuleSetError as exc:
        _fail(exc.message)


def _human(result: DeadlineResult, show_steps: bool) -> list[str]:
    iso_due, long_due = result.due.isoformat(), t.short(result.due, year=True)
    if result.unit == "genast":
        lines = [f"{result.name}: genast, samma dag {iso_due} ({long_due})"]
    else:
        lines = [f"{result.name}: sista dag {iso_due} ({long_due})"]
    lines.append(f"  {result.summary}")
    if result.moved:
        statutory = result.statutory_date.isoformat()
        lines.append(f"  Fristen löper ut {statutory}, före flytt enligt lag (1930:173); "
                     "påminnelser räknas mot den dagen.")
    if not result.statutory:
        lines.append("  Lokalt mål (inte lag): flyttas inte till nästa vardag.")
    lines.append(f"  Lagrum: {result.legal_basis}")
    lines.extend(f"  {w}" for w in result.warnings)
    if show_steps:
        lines.append("  Steg:")
        lines.extend(f"    {i}. {step}" for i, step in enumerate(result.steps, 1))
    return lines


def _calculate(typ: str, startdatum: str, as_json: bool, show_steps: bool, rules_path: Path | None) -> None:
    start = parse_iso_date(startdatum)
    rules = _rules(rules_path)
    try:
        result = compute(typ, start, rules)
    except (UnknownKind, InvalidStart) as exc:
        _fail(exc.message)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        typer.echo("\n".join(_human(result, show_steps)))


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


def _rule_json(rule: Rule) -> dict[str, object]:
    data = rule.model_dump(mode="json")
    data["length_text"] = rule.length_text()
    return data


@app.command("typer")
def typer_(as_json: JsonOption = False, regler: RulesOption = None) -> None:
    """Vilka typer av frister Lotsen känner till: längd, lagrum och om lag (1930:173) flyttar sista dagen."""
    rules = _rules(regler).rules
    if as_json:
        typer.echo(json.dumps({"rules": [_rule_json(r) for r in rules]}, ensure_ascii=False))
        return
    width = max(len(r.key) for r in rules)
    for r in rules:
        kind = "lag" if r.statutory else "lokalt mål"
        if r.unit.value == "genast":
            moves = "flyttas aldrig"
        elif r.applies_1930_173:
            moves = "flyttas enligt 1930:173"
        else:
            moves = "flyttas inte" if not r.statutory else "flyttas inte, 1930:173 tillämpas inte"
        mark = " *" if r.to_confirm else ""
        typer.echo(f"{r.key.ljust(width)}  {r.name}: {r.length_text()} ({kind}, {moves}){mark}")
        typer.echo(f"{' ' * width}  {r.legal_basis}")
    if any(r.to_confirm for r in rules):
        typer.echo("\n* En jurist bör bekräfta tolkningen; se fältet to_confirm i --json eller docs/deadlines.md.")
