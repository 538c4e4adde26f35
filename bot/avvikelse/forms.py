"""The avvikelse forms: what each asks, and turning submitted values into checked inputs.

A form is declared once here and rendered by every adapter (Slack modal, console prompts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.avvikelse import texts as t
from bot.privacy.case_reference import case_reference_error
from bot.ui.model import LONG_TEXT_MAX, SHORT_TEXT_MAX, FieldKind, Form, FormField, Option
from bot.ui.validation import parse_date, validate_form
from storage.models import Avvikelse, Unit

SHORT = SHORT_TEXT_MAX
LONG = LONG_TEXT_MAX

FORM_NEW = "avvikelse_new"
FORM_INVESTIGATION = "avvikelse_investigation"
FORM_MEASURE = "avvikelse_measure"
FORM_HANDOVER = "avvikelse_handover"
FORM_REOPEN = "avvikelse_reopen"
FORM_FOLLOW_UP_PASS = "avvikelse_followup_pass"
FORM_CONFIRM_CLOSE = "avvikelse_confirm_close"
CHEF_ROLES = ("enhetschef", "verksamhetschef")



def _options(mapping: Mapping[str, str]) -> tuple[Option, ...]:
    return tuple(Option(k, v) for k, v in mapping.items())


def new_report_form(units: Sequence[Unit], categories: Sequence[str], default_unit: Unit | None) -> Form:
    return Form(
        id=FORM_NEW,
        title=t.FORM_NEW_TITLE,
        submit_label=t.FORM_NEW_SUBMIT,
        intro=t.FORM_NEW_INTRO,
        fields=(
            FormField("event_date", t.LABEL_EVENT_DATE, FieldKind.DATE, initial=None),
            FormField(
                "unit",
                t.LABEL_UNIT,
                FieldKind.CHOICE,
                options=tuple(Option(u.code, u.name) for u in units),
                initial=default_unit.code if default_unit else None,
            ),
            FormField("subject", t.LABEL_SUBJECT, FieldKind.CHOICE, options=_options(t.SUBJECTS)),
            FormField("origin", t.LABEL_ORIGIN, FieldKind.CHOICE, options=_options(t.ORIGINS), initial="intern"),
            FormField("category", t.LABEL_CATEGORY, FieldKind.CHOICE, options=tuple(Option(c, c) for c in categories)),
            FormField("what_happened", t.LABEL_WHAT, FieldKind.LONG_TEXT, max_length=LONG),
            FormField("consequence", t.LABEL_CONSEQUENCE, FieldKind.LONG_TEXT, max_length=LONG),
            FormField("immediate_action", t.LABEL_IMMEDIATE, FieldKind.LONG_TEXT, max_length=LONG),
            FormField(
                "case_reference", t.LABEL_CASE_REF, FieldKind.TEXT, required=False, max_length=40,
                hint=t.HINT_CASE_REF, check=case_reference_error,
            ),
        ),
    )


@dataclass(frozen=True)
class NewReport:
    event_date: date
    unit_code: str
    subject: str
    origin: str
    category: str
    what_happened: str
    consequence: str
    immediate_action: str
    case_reference: str | None


def parse_new_report(form: Form, raw: Mapping[str, str | None], today: date) -> tuple[NewReport | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    event = parse_date(clean["event_date"] or "") if "event_date" not in errors else None
    if event and event > today:
        errors["event_date"] = t.ERR_DATE_FUTURE
    if errors or event is None:
        return None, errors
    return (
        NewReport(
            event_date=event,
            unit_code=clean["unit"] or "",
            subject=clean["subject"] or "",
            origin=clean["origin"] or "",
            category=clean["category"] or "",
            what_happened=clean["what_happened"] or "",
            consequence=clean["consequence"] or "",
            immediate_action=clean["immediate_action"] or "",
            case_reference=clean.get("case_reference"),
        ),
        {},
    )


def investigation_form(report: Avvikelse) -> Form:
    return Form(
        id=FORM_INVESTIGATION,
        title=t.FORM_INV_TITLE,
        submit_label=t.FORM_INV_SUBMIT,
        intro=t.INV_INTRO.format(number=report.number),
        context={"number": report.number},
        fields=(
            FormField("inv_course", t.LABEL_INV_COURSE, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_course, optional_note=t.NOTE_REQUIRED_TO_CLOSE),
            FormField("inv_what_went_wrong", t.LABEL_INV_WRONG, FieldKind.LONG_TEXT, required=False,
                      max_length=LONG, initial=report.inv_what_went_wrong, optional_note=t.NOTE_REQUIRED_TO_CLOSE),
            FormField("inv_causes", t.LABEL_INV_CAUSES, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_causes, optional_note=t.NOTE_REQUIRED_TO_CLOSE),
            FormField("inv_lex_sarah", t.LABEL_INV_LEX_SARAH, FieldKind.CHOICE, required=False,
                      options=_options(t.LEX_SARAH), initial=report.inv_lex_sarah,
                      optional_note=t.NOTE_REQUIRED_TO_CLOSE),
            FormField("inv_follow_up_date", t.LABEL_INV_FOLLOW_UP, FieldKind.DATE, required=False,
                      hint=t.HINT_INV_FOLLOW_UP,
                      initial=report.inv_follow_up_date.isoformat() if report.inv_follow_up_date else None),
            FormField("decision", t.LABEL_INV_DECISION, FieldKind.CHOICE,
                      options=_options(t.INVESTIGATION_DECISION), initial="utkast"),
        ),
    )


@dataclass(frozen=True)
class InvestigationInput:
    course: str | None
    what_went_wrong: str | None
    causes: str | None
    lex_sarah: str | None
    follow_up_date: date | None
    close: bool
    add_measure: bool = False


def confirm_close_form(report: Avvikelse) -> Form:
    return Form(
        id=FORM_CONFIRM_CLOSE,
        title=t.FORM_CONFIRM_CLOSE_TITLE,
        submit_label=t.FORM_CONFIRM_CLOSE_SUBMIT,
        intro=t.CONFIRM_CLOSE_INTRO.format(number=report.number),
        context={"number": report.number},
        fields=(FormField("answer", t.LABEL_CONFIRM_CLOSE, FieldKind.CHOICE, options=_options(t.CONFIRM_CLOSE)),),
    )


def stored_investigation(report: Avvikelse, *, close: bool) -> InvestigationInput:
    """What the report holds, as the input to save it again (closing a saved draft)."""
    return InvestigationInput(report.inv_course, report.inv_what_went_wrong, report.inv_causes,
                              report.inv_lex_sarah, report.inv_follow_up_date, close)


def parse_investigation(
    form: Form, raw: Mapping[str, str | None], today: date
) -> tuple[InvestigationInput | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    follow_up = parse_date(clean.get("inv_follow_up_date") or "") if "inv_follow_up_date" not in errors else None
    if follow_up and follow_up < today:
        errors["inv_follow_up_date"] = t.ERR_DATE_PAST
    if follow_up and follow_up > today + timedelta(days=5 * 366):
        errors["inv_follow_up_date"] = t.ERR_DATE_TOO_FAR
    close = clean.get("decision") == "avsluta"
    if close:
        for required in ("inv_course", "inv_what_went_wrong", "inv_causes", "inv_lex_sarah"):
            if not clean.get(required):
                errors.setdefault(required, t.ERR_CLOSE_NEEDS)
    if errors:
        return None, errors
    return (
        InvestigationInput(
            course=clean.get("inv_course"),
            what_went_wrong=clean.get("inv_what_went_wrong"),
            causes=clean.get("inv_causes"),
            lex_sarah=clean.get("inv_lex_sarah"),
            follow_up_date=follow_up,
            close=close,
            add_measure=clean.get("decision") == "atgard",
        ),
        {},
    )


def measure_form(report: Avvikelse) -> Form:
    return Form(
        id=FORM_MEASURE,
        title=t.FORM_MEASURE_TITLE,
        submit_label=t.FORM_MEASURE_SUBMIT,
        context={"number": report.number},
        fields=(
            FormField("description", t.LABEL_MEASURE, FieldKind.LONG_TEXT, max_length=1000),
            FormField("responsible", t.LABEL_MEASURE_RESPONSIBLE, FieldKind.USER),  # anyone active
            FormField("due_date", t.LABEL_MEASURE_DATE, FieldKind.DATE),
        ),
    )


@dataclass(frozen=True)
class MeasureInput:
    description: str
    responsible_ref: str
    due_date: date


def parse_measure(form: Form, raw: Mapping[str, str | None], today: date) -> tuple[MeasureInput | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    due = parse_date(clean.get("due_date") or "") if "due_date" not in errors else None
    if due and due < today:
        errors["due_date"] = t.ERR_DATE_PAST
    elif due and due > today + timedelta(days=5 * 366):
        errors["due_date"] = t.ERR_DATE_TOO_FAR
    if errors or due is None:
        return None, errors
    return MeasureInput(clean["description"] or "", clean["responsible"] or "", due), {}


def handover_form(report: Avvikelse) -> Form:
    return Form(
        id=FORM_HANDOVER,
        title=t.FORM_HANDOVER_TITLE,
        submit_label=t.FORM_HANDOVER_SUBMIT,
        context={"number": report.number},
        fields=(
            FormField("to", t.LABEL_HANDOVER_TO, FieldKind.USER, roles=CHEF_ROLES),
            FormField("reason", t.LABEL_REASON, FieldKind.TEXT, max_length=SHORT),
        ),
    )


def reopen_form(report: Avvikelse) -> Form:
    return Form(
        id=FORM_REOPEN,
        title=t.FORM_REOPEN_TITLE,
        submit_label=t.FORM_REOPEN_SUBMIT,
        context={"number": report.number},
        fields=(FormField("reason", t.LABEL_REASON, FieldKind.LONG_TEXT, max_length=1000),),
    )


def follow_up_pass_form(follow_up_id: int) -> Form:
    return Form(
        id=FORM_FOLLOW_UP_PASS,
        title=t.FORM_FOLLOW_UP_PASS_TITLE,
        submit_label=t.FORM_HANDOVER_SUBMIT,
        context={"follow_up": str(follow_up_id)},
        fields=(FormField("to", t.LABEL_FOLLOW_UP_TO, FieldKind.USER, roles=CHEF_ROLES),),
    )
