"""Small-number suppression: a count under 3 is shown as "<3", so no figure points at one case.

Shares and medians built on fewer than 3 cases are suppressed too ("för få"): a share of 1 of 2 reveals as
much as the count itself.
"""

from __future__ import annotations

from bot.statistik.texts import NOT_AVAILABLE, SUPPRESSED, TEXT_TOO_FEW, TOO_FEW

MIN_COUNT = 3

Cell = int | float | str | None


def count(n: int) -> int | str:
    """The count as shown: itself from 3 upwards, "<3" below (0, 1 and 2 alike)."""
    return n if n >= MIN_COUNT else SUPPRESSED


def share(part: int, whole: int) -> float | str | None:
    """A percentage with one decimal; "för få" when the base is under 3; None when there is no base."""
    if whole <= 0:
        return None
    if whole < MIN_COUNT:
        return TOO_FEW
    return round(100.0 * part / whole, 1)


def median_of(values: list[int]) -> float | str | None:
    if not values:
        return None
    if len(values) < MIN_COUNT:
        return TOO_FEW
    ordered = sorted(values)
    mid = len(ordered) // 2
    value = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return round(float(value), 1)


def is_suppressed(cell: Cell) -> bool:
    return cell in (SUPPRESSED, TOO_FEW)


def show(cell: Cell) -> str:
    """A cell as text: numbers in Swedish style (decimal comma), "–" for nothing."""
    if cell is None:
        return NOT_AVAILABLE
    if isinstance(cell, float):
        return f"{cell:.1f}".replace(".", ",") if cell != int(cell) else str(int(cell))
    return str(cell)


def percent_text(cell: Cell) -> str:
    """A share inside a sentence: "68,1 %", "visas inte (färre än 3 ärenden)" or "–"."""
    if cell == TOO_FEW:
        return TEXT_TOO_FEW
    return f"{show(cell)} %" if isinstance(cell, int | float) else show(cell)


def days_text(cell: Cell) -> str:
    """A median inside a sentence: "29 dagar", "visas inte (färre än 3 ärenden)" or "–"."""
    if cell == TOO_FEW:
        return TEXT_TOO_FEW
    return f"{show(cell)} dagar" if isinstance(cell, int | float) else show(cell)
