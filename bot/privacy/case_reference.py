"""A case is referred to by diarienummer or ärendenummer only: one rule for every form and import."""

from __future__ import annotations

import re

from bot.privacy.guard import identity_number_errors

CASE_REFERENCE = re.compile(r"^[0-9A-Za-zÅÄÖåäö /.:\-]{1,40}$")
ERR_CASE_REFERENCE = (
    "Ange bara ett diarienummer eller ärendenummer (bokstäver, siffror, mellanslag, / . - :), högst 40 tecken."
)


def case_reference_error(text: str) -> str | None:
    """Why this is not an acceptable case reference (Swedish), or None. A personnummer is named as such."""
    errors = identity_number_errors({"ref": text})
    if errors:
        return errors["ref"]
    return None if CASE_REFERENCE.match(text) else ERR_CASE_REFERENCE
