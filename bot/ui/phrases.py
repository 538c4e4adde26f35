"""Swedish phrases every feature shares: how many days are left, or how late something is."""

from __future__ import annotations

from datetime import date


def days_phrase(due: date, today: date) -> str:
    delta = (due - today).days
    if delta > 1:
        return f"{delta} dagar kvar"
    if delta == 1:
        return "1 dag kvar"
    if delta == 0:
        return "sista dagen idag"
    late = -delta
    return f"{late} {'dag' if late == 1 else 'dagar'} försenad"


# --- counts, days and dates: one place for Swedish number agreement and date forms ---------------

NOUNS: dict[str, str] = {
    "dag": "dagar",
    "meddelande": "meddelanden",
    "avvikelse": "avvikelser",
    "uppföljning": "uppföljningar",
    "frist": "frister",
    "åtgärd": "åtgärder",
    "person": "personer",
    "rutin": "rutiner",
    "träff": "träffar",
    "ärende": "ärenden",
}


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`1 dag`, `2 dagar`, `0 meddelanden`: the number with the noun in the right form."""
    many = plural or NOUNS.get(singular, singular)
    return f"{n} {singular if n == 1 else many}"


def days(n: int) -> str:
    return count(n, "dag")


def days_ago(n: int) -> str:
    """`1 dag sedan`, `3 dagar sedan`; `idag` for 0."""
    return "idag" if n == 0 else f"{days(n)} sedan"


def in_days(n: int) -> str:
    """`om 1 dag`, `om 3 dagar`; `idag` for 0."""
    return "idag" if n == 0 else f"om {days(n)}"


def relative_day(day: date, today: date) -> str:
    """`idag`, `i morgon`, `om 3 dagar`, `igår`, `3 dagar sedan`."""
    delta = (day - today).days
    if delta == 1:
        return "i morgon"
    if delta == -1:
        return "igår"
    return in_days(delta) if delta >= 0 else days_ago(-delta)


WEEKDAYS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def short_date(d: date, *, year: bool = True) -> str:
    """`tis 1 dec 2026` (or `tis 1 dec`)."""
    text = f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def date_phrase(d: date) -> str:
    """`2026-12-01 (tis 1 dec 2026)`: the ISO date for search and the Swedish form to read. Put it in a
    sentence as it is, never inside another parenthesis (`registrerad 2026-12-01 (tis 1 dec 2026)`)."""
    return f"{d.isoformat()} ({short_date(d)})"
