"""Validate submitted form values against the form's own definition, before any feature logic.

Checks: required fields, length limits, choices, date format, and the personnummer guard on every
free-text field (and no control characters other than newline and tab). Errors come back keyed by
field id, in Swedish; nothing is stored on error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from bot.privacy.guard import free_text_errors
from bot.ui import texts as t
from bot.ui.day_words import DAY_WORDS as DAY_WORDS  # re-exported: callers import them from here
from bot.ui.day_words import day_word as day_word
from bot.ui.model import FieldKind, Form, FormField

MIN_DATE = date(2000, 1, 1)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
def date_error(raw: str) -> str | None:
    """What is wrong with a typed date: its form, a day the calendar lacks, or a date before 2000."""
    value = raw.strip()
    if not ISO_DATE.fullmatch(value):
        return t.ERR_DATE_FORMAT
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return t.ERR_DATE_NOT_IN_CALENDAR.format(date=value)
    return t.ERR_DATE_TOO_OLD if parsed < MIN_DATE else None


def field_error(f: FormField, raw: str | None, *, check_identity_numbers: bool = True) -> str | None:
    """The checks `validate_form` makes, for one field, so a front end can say at once what is wrong."""
    value = raw.strip() if isinstance(raw, str) else ""
    if not value:
        return t.ERR_REQUIRED if f.required else None
    if f.max_length is not None and len(value) > f.max_length:
        return t.ERR_TOO_LONG.format(max=f.max_length, n=len(value))
    if f.kind is FieldKind.CHOICE and f.options and value not in {o.value for o in f.options}:
        return t.ERR_CHOICE
    if f.kind is FieldKind.DATE:
        return date_error(value)
    if check_identity_numbers and f.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        error = next(iter(free_text_errors({f.id: value}).values()), None)
        if error:
            return error
    return f.check(value) if f.check is not None else None


def parse_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def validate_form(form: Form, raw: Mapping[str, str | None]) -> tuple[dict[str, str | None], dict[str, str]]:
    clean: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for f in form.fields:
        value = raw.get(f.id)
        value = value.strip() if isinstance(value, str) else None
        if not value:
            if f.required:
                errors[f.id] = t.ERR_REQUIRED
            clean[f.id] = None
            continue
        error = field_error(f, value, check_identity_numbers=False)  # checked below, over all free text
        if error:
            errors[f.id] = error
        clean[f.id] = value
    free_text = {f.id: clean.get(f.id) for f in form.fields if f.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT)}
    for field_id, message in free_text_errors(free_text).items():
        errors.setdefault(field_id, message)
    return clean, errors
