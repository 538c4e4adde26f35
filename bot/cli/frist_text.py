"""What `lotsen frist` prints: the start date's checks, a computed deadline, the list of types.

Shared by the Typer command (bot/cli/frist.py) and its fast path (bot/cli/frist_fast.py), so the two
cannot drift apart. Standard library and bot.deadlines' pydantic-free modules only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import date

from bot.deadlines import texts as t
from bot.deadlines.calculator import DeadlineResult
from bot.deadlines.kinds import DeadlineRule, rule_json

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FOOTNOTE = "\n* En jurist bör bekräfta tolkningen; se fältet to_confirm i --json eller docs/deadlines.md."


def start_date(text: str, today: Callable[[], date]) -> date | str:
    """YYYY-MM-DD, or idag/igår (a deadline counts from a past day); else the Swedish error message.

    Not 20261210 or 2026-W50-4, which date.fromisoformat also takes. `today` is asked only for a word
    (the clock's time zone data is not loaded for a date)."""
    value = text.strip()
    if not _ISO_DATE.fullmatch(value):
        from bot.ui.day_words import day_word

        now = today()
        named = day_word(value, now)
        if named is not None and named <= now:
            return named
        return f"Ogiltigt datum: '{text}'. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-10."
    try:
        return date.fromisoformat(value)
    except ValueError:
        return f"Ogiltigt datum: '{text}' finns inte i kalendern. Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-12-10."


def result_text(result: DeadlineResult, as_json: bool, show_steps: bool) -> str:
    if as_json:
        return json.dumps(result.to_dict(), ensure_ascii=False)
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
    return "\n".join(lines)


def types_lines(rules: Sequence[DeadlineRule], as_json: bool) -> list[str]:
    """`lotsen frist typer`: one line each (or one JSON object), each line printed on its own."""
    if as_json:
        return [json.dumps({"rules": [rule_json(r) for r in rules]}, ensure_ascii=False)]
    lines = []
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
        lines.append(f"{r.key.ljust(width)}  {r.name}: {r.length_text()} ({kind}, {moves}){mark}")
        lines.append(f"{' ' * width}  {r.legal_basis}")
    if any(r.to_confirm for r in rules):
        lines.append(FOOTNOTE)
    return lines
