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
FORM_DECISION = "lexsarah_decision"
FORM_MEASURE = "lexsarah_measure"
FORM_FOLLOW_UP = "lexsarah_followup"
FORM_PASS = "lexsarah_pass"
FORM_TRIAGE = "lexsarah_triage"


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
            FormField("case_reference", t.LABEL_CASE_REF, FieldKind.TEXT, required=False, max_length=40,
                      check=case_reference_error),
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
    if errors or event is None or noticed is None:
        return None, errors
    return NewLexSarah(event, noticed, clean["unit"] or "", clean["what_happened"] or "", clean["consequence"] or "",
                       clean["immediate_action"] or "", clean.get("case_reference")), {}


def investigation_form(report: LexSarahReport) -> Form:
    options = tuple(Option(k, v) for k, v in t.ASSESSMENTS.items())
    return Form(
        id=FORM_INVESTIGATION, title=t.FORM_INV_TITLE, submit_label=t.FORM_INV_SUBMIT,
        intro=f"{report.number}: lämna bedömningen tom för att spara ett utkast.", context={"number": report.number},
        fields=(
            FormField("inv_noticed_how", t.LABEL_NOTICED_HOW, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_noticed_how),
            FormField("inv_causes", t.LABEL_CAUSES, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_causes),
            FormField("inv_happened_before", t.LABEL_BEFORE, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_happened_before),
            FormField("inv_could_recur", t.LABEL_RECUR, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_could_recur),
            FormField("inv_measures", t.LABEL_MEASURES, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_measures),
            FormField("inv_other", t.LABEL_OTHER, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_other),
            FormField("inv_sources", t.LABEL_SOURCES, FieldKind.LONG_TEXT, required=False, max_length=LONG,
                      initial=report.inv_sources, hint=t.HINT_SOURCES),
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
    noticed_how: str | None = None
    other: str | None = None
    sources: str | None = None


def parse_investigation(
    form: Form, raw: Mapping[str, str | None]
) -> tuple[LexSarahInvestigation | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    if clean.get("assessment"):
        # A ställningstagande closes the investigation: SOSFS 2011:5 wants its grounds documented.
        for required in ("inv_causes", "inv_could_recur", "inv_sources", "assessment_motivation"):
            if not clean.get(required):
                errors.setdefault(required, t.ERR_ASSESS_NEEDS)
    if errors:
        return None, errors
    return LexSarahInvestigation(clean.get("inv_causes"), clean.get("inv_happened_before"),
                                 clean.get("inv_could_recur"), clean.get("inv_measures"), clean.get("assessment"),
                                 clean.get("assessment_motivation"), clean.get("inv_noticed_how"),
                                 clean.get("inv_other"), clean.get("inv_sources")), {}


def ivo_form(report: LexSarahReport) -> Form:
    return Form(id=FORM_IVO, title=t.FORM_IVO_TITLE, submit_label=t.FORM_IVO_SUBMIT, context={"number": report.number},
                intro=f"{report.number}: anmälan görs via IVO:s e-tjänst; registrera här när den skickades.",
                fields=(FormField("ivo_date", t.LABEL_IVO_DATE, FieldKind.DATE),
                        FormField("ivo_reference", t.LABEL_IVO_REFERENCE, FieldKind.TEXT, max_length=60,
                                  hint=t.HINT_IVO)))


@dataclass(frozen=True)
class IvoInput:
    sent_on: date
    reference: str


def parse_ivo(form: Form, raw: Mapping[str, str | None]) -> tuple[IvoInput | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    sent_on = parse_date(clean.get("ivo_date") or "")
    if errors or sent_on is None:
        return None, errors
    return IvoInput(sent_on, clean.get("ivo_reference") or ""), {}


def decision_form(report: LexSarahReport) -> Form:
    return Form(id=FORM_DECISION, title=t.FORM_DECISION_TITLE, submit_label=t.FORM_DECISION_SUBMIT,
                context={"number": report.number},
                intro=f"{report.number}: {t.ASSESSMENTS.get(report.assessment or '', '')}.",
                fields=(FormField("decision_by", t.LABEL_DECISION_BY, FieldKind.CHOICE,
                                  options=tuple(Option(k, v) for k, v in t.DECISION_BY.items())),
                        FormField("decision_by_name", t.LABEL_DECISION_BY_NAME, FieldKind.TEXT, required=False,
                                  max_length=200),
                        FormField("decided_on", t.LABEL_DECISION_DATE, FieldKind.DATE)))


@dataclass(frozen=True)
class DecisionInput:
    by: str
    by_name: str | None
    decided_on: date


def parse_decision(form: Form, raw: Mapping[str, str | None], today: date
                   ) -> tuple[DecisionInput | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    decided = parse_date(clean.get("decided_on") or "")
    if decided and decided > today:
        errors.setdefault("decided_on", t.ERR_FUTURE)
    if errors or decided is None:
        return None, errors
    return DecisionInput(clean["decision_by"] or "", clean.get("decision_by_name"), decided), {}


def measure_form(report: LexSarahReport) -> Form:
    return Form(id=FORM_MEASURE, title=t.FORM_MEASURE_TITLE, submit_label=t.FORM_MEASURE_SUBMIT,
                context={"number": report.number}, intro=f"{report.number}: {t.HINT_MEASURE}",
                fields=(FormField("description", t.LABEL_MEASURE, FieldKind.LONG_TEXT, max_length=LONG),
                        FormField("responsible", t.LABEL_RESPONSIBLE, FieldKind.USER),
                        FormField("planned_date", t.LABEL_PLANNED, FieldKind.DATE),
                        FormField("follow_up_date", t.LABEL_FOLLOW_UP_DATE, FieldKind.DATE, required=False)))


@dataclass(frozen=True)
class MeasureInput:
    description: str
    responsible: str
    planned_date: date
    follow_up_date: date | None = None


def parse_measure(form: Form, raw: Mapping[str, str | None], today: date
                  ) -> tuple[MeasureInput | None, dict[str, str]]:
    clean, errors = validate_form(form, raw)
    if "responsible" in errors:
        errors["responsible"] = t.ERR_RESPONSIBLE_MISSING
    planned = parse_date(clean.get("planned_date") or "") if "planned_date" not in errors else None
    follow = parse_date(clean.get("follow_up_date") or "") if "follow_up_date" not in errors else None
    errors.update(measure_date_errors(planned, follow, today))
    if errors or planned is None:
        return None, errors
    return MeasureInput(clean["description"] or "", clean["responsible"] or "", planned, follow), {}


def measure_date_errors(planned: date | None, follow: date | None, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if planned and planned < today:
        errors["planned_date"] = t.ERR_PAST_DATE
    if follow and follow < today:
        errors["follow_up_date"] = t.ERR_PAST_DATE
    elif follow and planned and follow < planned:
        errors["follow_up_date"] = t.ERR_FOLLOW_UP_BEFORE_PLANNED
    return errors


def follow_up_form(measure_id: int) -> Form:
    return Form(id=FORM_FOLLOW_UP, title=t.FORM_FOLLOW_UP_TITLE, submit_label=t.FORM_FOLLOW_UP_SUBMIT,
                context={"measure": str(measure_id)},
                fields=(FormField("result", t.LABEL_FOLLOW_UP_RESULT, FieldKind.LONG_TEXT, max_length=LONG),))


def pass_form(measure_id: int) -> Form:
    return Form(id=FORM_PASS, title=t.FORM_PASS_TITLE, submit_label=t.FORM_PASS_SUBMIT,
                context={"measure": str(measure_id)},
                fields=(FormField("to", t.LABEL_PASS_TO, FieldKind.USER),))


def triage_form(units: Sequence[Unit], default_unit: Unit | None, fields: tuple[FormField, ...]) -> Form:
    return Form(id=FORM_TRIAGE, title=t.FORM_TRIAGE_TITLE, submit_label=t.FORM_TRIAGE_SUBMIT,
                intro=t.FORM_TRIAGE_INTRO,
                fields=(FormField("unit", t.LABEL_TRIAGE_UNIT, FieldKind.CHOICE,
                                  options=tuple(Option(u.code, u.name) for u in units),
                                  initial=default_unit.code if default_unit else None), *fields))
