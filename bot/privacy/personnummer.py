"""Detect Swedish personnummer and samordningsnummer in free text, before it is stored or posted.

Accepted shapes: 10 or 12 digits, with or without the century, with or without a separator
("-", "+" or a space) before the last four digits. A match needs a real date (samordningsnummer:
day + 60) and a valid Luhn check digit, so ordinary numbers such as dates or case numbers rarely trip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(
    r"(?<![\d])"  # not inside a longer number
    r"(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+ ]?)"
    r"(?P<serial>\d{3})(?P<check>\d)"
    r"(?![\d])"
)


@dataclass(frozen=True)
class IdentityNumberMatch:
    kind: str  # "personnummer" or "samordningsnummer"
    start: int
    end: int


def luhn_check_digit(nine_digits: str) -> int:
    total = 0
    for i, ch in enumerate(nine_digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def _valid_date(century: str | None, yy: str, mm: int, dd: int) -> bool:
    years = [int(century + yy)] if century else [1900 + int(yy), 2000 + int(yy)]
    for year in years:
        try:
            date(year, mm, dd)
        except ValueError:
            continue
        return True
    return False


def find_identity_numbers(text: str) -> list[IdentityNumberMatch]:
    found: list[IdentityNumberMatch] = []
    for m in _PATTERN.finditer(text):
        century, yy, mm, dd = m["century"], m["yy"], int(m["mm"]), int(m["dd"])
        if century is not None and century not in ("18", "19", "20"):
            continue
        kind = "personnummer"
        if dd > 60:
            kind, dd = "samordningsnummer", dd - 60
        if not _valid_date(century, yy, mm, dd):
            continue
        nine = f"{yy}{m['mm']}{m['dd']}{m['serial']}"
        if luhn_check_digit(nine) != int(m["check"]):
            continue
        found.append(IdentityNumberMatch(kind=kind, start=m.start(), end=m.end()))
    return found


def contains_identity_number(text: str | None) -> bool:
    return bool(text) and bool(find_identity_numbers(text or ""))
