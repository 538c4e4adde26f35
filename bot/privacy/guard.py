"""Field-level guard used by every form: returns Swedish errors for fields holding an identity number."""

from __future__ import annotations

from collections.abc import Mapping

from bot.privacy.personnummer import find_identity_numbers

PNR_ERROR = (
    "Texten ser ut att innehålla ett {kind}. Lotsen får inte lagra uppgifter som identifierar en "
    "enskild (socialtjänstsekretess). Ta bort numret och hänvisa i stället till diarienummer "
    "eller ärendenummer."
)


def identity_number_errors(fields: Mapping[str, str | None]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, value in fields.items():
        if not value:
            continue
        matches = find_identity_numbers(value)
        if matches:
            errors[name] = PNR_ERROR.format(kind=matches[0].kind)
    return errors
