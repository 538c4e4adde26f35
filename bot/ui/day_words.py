"""Words people type for a day (`idag`, `igår`, `i morgon`), as the console, `/frist beräkna` and
`lotsen frist beräkna` take them. Standard library only: the `lotsen frist` fast path uses it."""

from __future__ import annotations

from datetime import date, timedelta

DAY_WORDS = {"idag": 0, "i dag": 0, "igår": -1, "i går": -1, "igar": -1, "imorgon": 1, "i morgon": 1}


def day_word(raw: str, today: date) -> date | None:
    """`idag`, `igår`, `i morgon` as a date; None for anything else."""
    offset = DAY_WORDS.get(" ".join(raw.strip().lower().split()))
    return None if offset is None else today + timedelta(days=offset)
