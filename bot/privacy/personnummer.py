"""Detect Swedish personnummer and samordningsnummer in free text, before it is stored or posted.

The text is first read as a person would (`bot.privacy.normalise`): any dash or hyphen, any space,
zero-width characters dropped, other digit forms folded to 0-9. Accepted shapes: 10 or 12 digits
(with the century 18, 19 or 20), optionally grouped in pairs with single spaces ("12 12 12 - 12 12",
"1912 1212 1212"), with or without a separator ("-", "+", spaces, or a dash between spaces) before
the last four digits. A match needs a real date (samordningsnummer: day + 60) and a valid Luhn check
digit, so ordinary numbers such as dates, phone numbers, diarienummer and organisation numbers
rarely trip it. Grouping is allowed only between digit pairs, so phone numbers written 070-123 45 67
or 08-508 252 62 are not read as identity numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.privacy.normalise import normalise

_GAP = "[ ]?"  # digit pairs may be set apart by one space
_PATTERN = re.compile(
    r"(?<![0-9])"  # not inside a longer number
    rf"(?:(?P<century>18|19|20){_GAP})?"
    rf"(?P<yy>[0-9]{{2}}){_GAP}(?P<mm>[0-9]{{2}}){_GAP}(?P<dd>[0-9]{{2}})"
    r"(?P<sep>[ ]{0,3}[-+]?[ ]{0,3})"
    rf"(?P<s1>[0-9]{{2}}){_GAP}(?P<s2>[0-9])(?P<check>[0-9])"
    r"(?![0-9])"
)


@dataclass(frozen=True)
class IdentityNumberMatch:
    kind: str  # "personnummer" or "samordningsnummer"
    start: int  # span in the text as given (before normalisation)
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


def _candidates(text: str) -> list[re.Match[str]]:
    """Every match, also ones overlapping a rejected one (a rejected 12-digit reading may hide a 10-digit one)."""
    found: list[re.Match[str]] = []
    pos = 0
    while True:
        m = _PATTERN.search(text, pos)
        if m is None:
            return found
        found.append(m)
        pos = m.start() + 1


def _kind(m: re.Match[str]) -> str | None:
    century, yy, mm, dd = m["century"], m["yy"], int(m["mm"]), int(m["dd"])
    kind = "personnummer"
    if dd > 60:
        kind, dd = "samordningsnummer", dd - 60
    if not _valid_date(century, yy, mm, dd):
        return None
    nine = f"{yy}{m['mm']}{m['dd']}{m['s1']}{m['s2']}"
    if luhn_check_digit(nine) != int(m["check"]):
        return None
    return kind


def find_identity_numbers(text: str) -> list[IdentityNumberMatch]:
    norm = normalise(text)
    found: list[IdentityNumberMatch] = []
    taken_until = -1
    for m in _candidates(norm.text):
        if m.start() < taken_until:
            continue
        kind = _kind(m)
        if kind is None:
            continue
        start, end = norm.span(m.start(), m.end())
        found.append(IdentityNumberMatch(kind=kind, start=start, end=end))
        taken_until = m.end()
    return found


def contains_identity_number(text: str | None) -> bool:
    return bool(text) and bool(find_identity_numbers(text or ""))
