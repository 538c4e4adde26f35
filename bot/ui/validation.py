"""Validate submitted form values against the form's own definition, before any feature logic.

Checks: required fields, length limits, choices, date format, and the personnummer guard on every
free-text field (and no control characters other than newline and tab). Errors come back keyed by
field id, in Swedish; nothing is stored on error.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.privacy.guard import free_text_errors
from bot.ui import texts as t
from bot.ui.model import FieldKind, Form

MIN_DATE = date(2000, 1, 1)


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
        if f.max_length is not None and len(value) > f.max_length:
            errors[f.id] = t.ERR_TOO_LONG.format(max=f.max_length, n=len(value))
        elif f.kind is FieldKind.CHOICE and f.options and value not in {o.value for o in f.options}:
            errors[f.id] = t.ERR_CHOICE
        elif f.kind is FieldKind.DATE:
            parsed = parse_date(value)
            if parsed is None:
                errors[f.id] = t.ERR_DATE_FORMAT
            elif parsed < MIN_DATE:
                errors[f.id] = t.ERR_DATE_TOO_OLD
        clean[f.id] = value
    free_text = {f.id: clean.get(f.id) for f in form.fields if f.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT)}
    for field_id, message in free_text_errors(free_text).items():
        errors.setdefault(field_id, message)
    return clean, errors
