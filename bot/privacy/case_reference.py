"""A case is referred to by diarienummer or ärendenummer only: one rule for every form, service and import.

A reference must look like one: an optional label (an abbreviation in capitals such as SN, IFO or
BoU-style codes of up to six letters, or a word such as dnr, diarienr, ärende), then a number: a
year or series and a serial ("2026/0412", "2026-118", "2020/0673-1.2", "2026:45") or a run of
3-12 digits. A name ("Kalle Anka") has no number and is refused, so a child cannot be registered as a case.
"""

from __future__ import annotations

import re

from bot.privacy.guard import free_text_errors

_WORD_LABELS = (
    "dnr", "diarienr", "diarienummer", "diarie", "ärende", "ärendenr", "ärendenummer", "nr", "akt",
    "aktnr", "aktnummer", "ref", "mål", "målnr",
)
_LABEL = r"(?:[A-ZÅÄÖ]{1,6}|(?i:" + "|".join(re.escape(w) for w in _WORD_LABELS) + r"))\.?"
_NUMBER = r"(?:[0-9]{2,4}(?:[/\-:.][0-9]{1,6}){1,3}|[0-9]{3,12})"
CASE_REFERENCE = re.compile(rf"^(?:{_LABEL}[ :]{{1,2}}){{0,2}}{_NUMBER}$")
MAX_LENGTH = 40
ERR_CASE_REFERENCE = (
    "Ange bara ett diarienummer eller ärendenummer, t.ex. SN 2026/0123 eller Ärende 2026-118 "
    "(högst 40 tecken, inga namn)."
)


def case_reference_error(text: str) -> str | None:
    """Why this is not an acceptable case reference (Swedish), or None. A personnummer is named as such."""
    errors = free_text_errors({"ref": text})
    if errors:
        return errors["ref"]
    text = text.strip()
    return None if len(text) <= MAX_LENGTH and CASE_REFERENCE.match(text) else ERR_CASE_REFERENCE
