"""The header block of a routine: Fastställd av/datum, Giltig till or Revideras senast, owner, dnr, version.

Real routines write it three ways: "Label: value", "Label<TAB>value" (a Word table row), or the
label on one line and the value on the next. Only the first part of the document is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lotsen.rutiner.extract import Line

LABELS: dict[str, tuple[str, ...]] = {
    "approved_by": ("fastställd av", "beslutad av", "godkänd av", "antagen av"),
    "approved_on": ("fastställd datum", "fastställd den", "beslutsdatum", "giltig fr.o.m.", "giltig från",
                    "gäller från", "datum för fastställande"),
    "valid_until": ("giltig till", "gäller till", "revideras senast", "revideras datum", "revideras", "giltig t.o.m.",
                    "nästa revidering", "ska revideras senast"),
    "owner": ("dokumentägare", "ansvarig", "dokumentansvarig", "processägare", "ägare"),
    "diarienummer": ("diarienummer", "dnr"),
    "version": ("version",),
}
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass
class Metadata:
    approved_by: str | None = None
    approved_on: date | None = None
    valid_until: date | None = None
    owner: str | None = None
    diarienummer: str | None = None
    version: str | None = None


def _parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _match_label(text: str) -> tuple[str, str] | None:
    lowered = text.lower().lstrip("•*- ").strip()
    for name, labels in LABELS.items():
        for label in sorted(labels, key=len, reverse=True):
            if lowered.startswith(label):
                rest = text.lstrip("•*- ").strip()[len(label):].strip().lstrip(":").lstrip("|").strip()
                return name, rest
    return None


def parse_metadata(lines: list[Line], limit: int = 80) -> Metadata:
    meta = Metadata()
    texts = [ln.text.strip() for ln in lines[:limit]]
    for i, text in enumerate(texts):
        if not text:
            continue
        cells = text.split(" | ") if " | " in text else [text]
        for j, cell in enumerate(cells):
            found = _match_label(cell)
            if not found:
                continue
            name, value = found
            if not value and j + 1 < len(cells):  # a table row: label cell, value cell
                value = cells[j + 1]
            elif not value and len(cells) == 1:  # the value stands on the next non-empty line
                value = next((t for t in texts[i + 1 : i + 3] if t), "")
            if not value or _match_label(value):
                continue
            _assign(meta, name, value)
    return meta


def _assign(meta: Metadata, name: str, value: str) -> None:
    if getattr(meta, name) is not None:
        return  # the first occurrence (the header block) wins
    if name in ("approved_on", "valid_until"):
        parsed = _parse_date(value)
        if parsed is not None:
            setattr(meta, name, parsed)
        return
    cleaned = value.strip()[:200]
    if cleaned and not cleaned.startswith("["):
        setattr(meta, name, cleaned)


def is_header_row(text: str) -> bool:
    """A line of the header block ("Fastställd av: …", "Version | 2.0"): kept out of search text."""
    cells = text.split(" | ") if " | " in text else [text]
    return _match_label(cells[0]) is not None and len(text) <= 200
