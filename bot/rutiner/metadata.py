"""The header block of a routine: Fastställd av/datum, Giltig till or Revideras senast, owner, dnr, version.

Real routines write it in several ways: "Label: value", "Label<TAB>value" or a Word table row (both
become "Label | value"), the label on one line and the value on the next, or for short identifiers
"Version 2.0" / "Dnr SN 2024/12". The block is looked for at the start of the document (and in a Word
file's page header and footer); fields still missing are looked for in the last lines, where some
templates keep a "Dokumentinformation" table. The lines that made up the block are reported, so they
can be kept out of the searchable text, and nothing else is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Line:
    text: str
    heading_level: int = 0  # 0 = body text
    furniture: bool = False  # page header or footer of a Word file: read for metadata only


LABELS: dict[str, tuple[str, ...]] = {
    "approved_by": ("fastställd av", "fastställt av", "beslutad av", "beslutat av", "godkänd av", "antagen av"),
    "approved_on": ("fastställd datum", "fastställt datum", "fastställd den", "beslutsdatum", "giltig fr.o.m.",
                    "giltig from", "giltig från", "gäller från", "gäller fr.o.m.", "datum för fastställande",
                    "fastställd"),
    "valid_until": ("giltig till", "giltig t.o.m.", "gäller till", "gäller t.o.m.", "revideras senast",
                    "revideras datum", "ska revideras senast", "nästa revidering", "revideras", "giltighetstid"),
    "owner": ("dokumentägare", "dokumentansvarig", "dokumentansvar", "processägare", "ansvarig", "ägare"),
    "diarienummer": ("diarienummer", "dnr"),
    "version": ("version", "versionsnummer"),
}
# Labels that may take their value after a plain space ("Version 2.0", "Dnr SN 2024/12").
_SPACE_VALUE = {"diarienummer", "version"}
_DATE_FIELDS = {"approved_on", "valid_until"}
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SORTED_LABELS = sorted(((label, name) for name, labels in LABELS.items() for label in labels),
                        key=lambda pair: -len(pair[0]))


@dataclass
class Metadata:
    approved_by: str | None = None
    approved_on: date | None = None
    valid_until: date | None = None
    owner: str | None = None
    diarienummer: str | None = None
    version: str | None = None
    consumed: set[int] = field(default_factory=set)  # indices of the lines that made up the header block


def _parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def match_label(text: str) -> tuple[str, str] | None:
    """("owner", "Kvalitetsenheten") for "Dokumentägare: Kvalitetsenheten"; ("owner", "") for a bare label.

    A label must stand on its own: "Ansvarig handläggare kontaktar familjen." is running text, not a label.
    """
    stripped = text.strip().lstrip("•*-– ").strip().strip("*").strip()
    lowered = stripped.lower()
    for label, name in _SORTED_LABELS:
        if not lowered.startswith(label):
            continue
        rest = stripped[len(label):]
        if not rest.strip() or rest.strip() in (":", "*", "**", ":**"):
            return name, ""
        if rest.lstrip().startswith(":"):
            return name, rest.lstrip()[1:].strip().strip("*").strip()
        if not rest[0].isspace():
            continue  # "Ägaren", "Versionen": another word
        value = rest.strip()
        if name in _SPACE_VALUE and len(value) <= 40 and any(c.isdigit() for c in value):
            return name, value
        if name in _DATE_FIELDS and _DATE.fullmatch(value.split()[0] if value.split() else ""):
            return name, value
        return None
    return None


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split(" | ")] if " | " in text else [text]


def _row_pairs(cells: list[str]) -> list[tuple[str, str]]:
    """Label/value pairs of one row: "Label: value", "Label | value", "L1 | v1 | L2 | v2"."""
    pairs: list[tuple[str, str]] = []
    if len(cells) == 1:
        found = match_label(cells[0])
        return [found] if found else []
    if len(cells) % 2 == 0 and all(match_label(cells[i]) is not None for i in range(0, len(cells), 2)):
        for i in range(0, len(cells), 2):
            found = match_label(cells[i])
            assert found is not None
            name, value = found
            pairs.append((name, value or cells[i + 1]))
        return pairs
    # Any other row: only cells that hold both label and value ("Dnr: SN 2024/1 | Sida 1 (3)").
    for cell in cells:
        found = match_label(cell)
        if found and found[1]:
            pairs.append(found)
    return pairs


def _scan(meta: Metadata, texts: list[str], indices: Sequence[int], budget: int | None = None) -> None:
    """Read label/value pairs on the given lines. With a budget, stop once that many characters of
    other text have gone by: a header block comes before the running text, not in the middle of it."""
    other = 0
    for i in indices:
        text = texts[i]
        if not text or i in meta.consumed:
            continue
        if budget is not None and not _row_pairs(_cells(text)):
            other += len(text)
            if other > budget:
                return
        for name, value in _row_pairs(_cells(text)):
            used = [i]
            if not value:  # the value stands on the next non-empty line
                following = [j for j in range(i + 1, min(len(texts), i + 4)) if texts[j]]
                if not following or match_label(texts[following[0]]) is not None or " | " in texts[following[0]]:
                    continue
                value = texts[following[0]]
                used.append(following[0])
            if _assign(meta, name, value):
                meta.consumed.update(used)


def parse_metadata(lines: Sequence[Line], limit: int = 80, tail: int = 40, budget: int = 600) -> Metadata:
    """The header block: the page header and footer, then the start of the document (the first `limit`
    lines, until `budget` characters of running text have gone by), then for what is still missing the
    last `tail` lines (a "Dokumentinformation" table at the end)."""
    meta = Metadata()
    texts = [ln.text.strip() for ln in lines]
    furniture = [i for i, ln in enumerate(lines) if ln.furniture]
    body = [i for i, ln in enumerate(lines) if not ln.furniture]
    _scan(meta, texts, furniture)
    _scan(meta, texts, body[:limit], budget)
    if len(body) > limit and any(getattr(meta, name) is None for name in LABELS):
        _scan(meta, texts, body[: max(limit, len(body) - tail) - 1 : -1], budget)  # from the end
    return meta


def _assign(meta: Metadata, name: str, value: str) -> bool:
    if getattr(meta, name) is not None:
        return False  # the first occurrence (the header block) wins
    if name in _DATE_FIELDS:
        parsed = _parse_date(value)
        if parsed is None:
            return False
        setattr(meta, name, parsed)
        return True
    cleaned = value.strip()[:200]
    if not cleaned or cleaned.startswith("[") or cleaned.endswith((".", "?", "!")) or len(cleaned.split()) > 12:
        return False  # a placeholder, or a sentence rather than a value
    setattr(meta, name, cleaned)
    return True
