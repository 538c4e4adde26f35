"""The lex Sarah forms and turning their values into checked inputs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.lex_sarah import texts as t
from bot.privacy.case_reference import case_reference_error
from bot.ui.model import LONG_TEXT_MAX, FieldKind, Form, FormField, Option
from bot.ui.validation import parse_date, validate_form
from storage.models import Unit
from storage.models.lex_sarah import LexSarahReport

LONG = LONG_TEXT_MAX
FORM_NEW = "lexsarah_new"
FORM_INVESTIGATION = "lexsarah_investigation"
FORM_IVO = "lexsarah_ivo"


def new_form(units: Sequence[Unit], default_unit: Unit | None) -> Form:
    return Form(
        id=FORM_NEW, title=t.FORM_NEW_TITLE, submit_label=t.FORM_NEW_SUBMIT, intro=t.FORM_NEW_INTRO,
        fields=(
            FormField("event_date", t.LABEL_EVENT_DATE, FieldKind.DATE),
            FormField("noticed_date", t.LABEL_NOTICED_DATE, FieldKind.DATE),
            FormField("unit", t.LABEL_UNIT, FieldKind.CHOICE, options=tuple(Option(u.code, u.name) for u in units),
                      initial=default_unit.code if default_unit else None),
            FormField("what_happened", t.LABEL_WHAT, FieldKind.LONG_TEXT, max_length=LONG),
            FormField("consequence", t.LABEL_CONSEQUENCE, FieldKind.LONG_TEXT, max_length=LONG),
            FormField("immediate_action", t.LABEL_IMMEDIATE, FieldKind.LONG_TEXT, max_length=LONG),
            FormField("case_reference", t.LABEL_CASE_REF, FieldKind.TEXT, required=False, max_length=40),
        ),
    )


@dataclass(frozen=True)
class NewLexSarah:
    event_date: date
    noticed_date: date
    unit_code: str
    what_happened: str
    consequence: str
    immediate_action: str
    case_reference: str | None


def parse_new(form: Form, raw: Mapping[str, str | None], today: date) -> tuple[NewLexSarah | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    event = parse_date(clean.get("event_date") or "") if "event_date" not in errors else None
    noticed = parse_date(clean.get("noticed_date") or "") if "noticed_date" not in errors else None
    for field, value in (("event_date", event), ("noticed_date", noticed)):
        if value and value > today:
            errors[field] = t.ERR_FUTURE
    if event and noticed and noticed < event and "noticed_date" not in errors:
        errors["noticed_date"] = t.ERR_NOTICED_BEFORE_EVENT
    ref = clean.get("case_reference")
    if ref and "case_reference" not in errors:
        error = case_reference_error(ref)
        if error:
            errors["case_reference"] = error
    if errors or event is None or noticed is None:
        return None, errors
    return NewLexSarah(event, noticed, clean["unit"] or "", clean["what_happened"] or "", clean["consequence"] or "",
                       clean["immediate_action"] or "", ref), {}


def investigation_form(report: LexSarahReport) -> Form:
    options = tuple(Option(k, v) for k, v in t.ASSESSMENTS.items())
    return Form(
        id=FORM_INVESTIGATION, title=t.FORM_INV_TITLE, submit_label=t.FORM_INV_SUBMIT,
        intro=f"{report.number}: lämna bedömningen tom för att spara ett utkast.", context={"number": report.number},
        fields=(
            FormField("inv_causes", t.LABEL_CAUSES, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_causes),
            FormField("inv_happened_before", t.LABEL_BEFORE, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_happened_before),
            FormField("inv_could_recur", t.LABEL_RECUR, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_could_recur),
            FormField("inv_measures", t.LABEL_MEASURES, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_measures),
            FormField("assessment", t.LABEL_ASSESSMENT, FieldKind.CHOICE, required=False, options=options,
                      initial=report.assessment),
            FormField("assessment_motivation", t.LABEL_MOTIVATION, FieldKind.LONG_TEXT, required=False,
                      max_length=LONG, initial=report.assessment_motivation),
        ),
    )


@dataclass(frozen=True)
class LexSarahInvestigation:
    causes: str | None
    happened_before: str | None
    could_recur: str | None
    measures: str | None
    assessment: str | None
    motivation: str | None


def parse_investigation(
    form: Form, raw: Mapping[str, str | None]
) -> tuple[LexSarahInvestigation | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    if clean.get("assessment"):
        # A ställningstagande closes the investigation: SOSFS 2011:5 wants its grounds documented.
        for required in ("inv_causes", "inv_could_recur", "assessment_motivation"):
            if not clean.get(required):
                errors.setdefault(required, t.ERR_ASSESS_NEEDS)
    if errors:
        return None, errors
    return LexSarahInvestigation(clean.get("inv_causes"), clean.get("inv_happened_before"),
                                 clean.get("inv_could_recur"), clean.get("inv_measures"), clean.get("assessment"),
                                 clean.get("assessment_motivation")), {}


def ivo_form(report: LexSarahReport) -> Form:
    return Form(id=FORM_IVO, title=t.FORM_IVO_TITLE, submit_label=t.FORM_IVO_SUBMIT, context={"number": report.number},
                intro=f"{report.number}: anmälan görs via IVO:s e-tjänst; registrera här när den skickades.",
                fields=(FormField("ivo_date", t.LABEL_IVO_DATE, FieldKind.DATE),))
