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
