"""Field-level guard for every free-text field, run by forms and again by every service before storing.

Two checks: no personnummer or samordningsnummer (in any spelling a person would read as one), and
no control characters other than newline and tab (a carriage return before a newline is a newline).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.errors import UserError
from bot.privacy.personnummer import find_identity_numbers

PNR_ERROR = (
    "Texten ser ut att innehålla ett {kind}. Lotsen får inte lagra uppgifter som identifierar en "
    "enskild (socialtjänstsekretess). Ta bort numret och hänvisa i stället till diarienummer "
    "eller ärendenummer."
)
CONTROL_ERROR = (
    "Texten innehåller osynliga styrtecken (till exempel från en kopierad text). Skriv eller klistra in "
    "texten på nytt utan dem."
)
# C0 and C1 controls and DEL, except tab and newline; a CR is allowed only as part of CRLF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def identity_number_errors(fields: Mapping[str, str | None]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, value in fields.items():
        if not value:
            continue
        matches = find_identity_numbers(value)
        if matches:
            errors[name] = PNR_ERROR.format(kind=matches[0].kind)
    return errors


def free_text_errors(fields: Mapping[str, str | None]) -> dict[str, str]:
    """Swedish errors keyed by field for every field that may not be stored as it is."""
    errors: dict[str, str] = {}
    for name, value in fields.items():
        if value and has_control_characters(value):
            errors[name] = CONTROL_ERROR
    for name, message in identity_number_errors(fields).items():
        errors.setdefault(name, message)
    return errors


def check_free_text(fields: Mapping[str, str | None]) -> None:
    """For services: refuse (as a field error) the first field that may not be stored."""
    errors = free_text_errors(fields)
    if errors:
        field, message = next(iter(errors.items()))
        raise UserError(message, field=field)
