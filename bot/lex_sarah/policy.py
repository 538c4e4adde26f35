"""Lex Sarah reports are seen only by those who must: the reporter, lex Sarah-ansvariga, the unit's
verksamhetschef and whoever investigates. Not kvalitetsenheten as such, not colleagues, not the
unit's enhetschef (who may be part of what is reported)."""

from __future__ import annotations

from sqlmodel import Session

from bot.org.directory import verksamhetschef_for
from storage.models import Person, Role, Unit
from storage.models.lex_sarah import LexSarahReport


def is_responsible(person: Person) -> bool:
    return person.active and person.has_role(Role.LEX_SARAH_ANSVARIG)


def can_view(session: Session, person: Person, report: LexSarahReport) -> bool:
    if person.id in (report.reported_by_id, report.investigator_id) or is_responsible(person):
        return True
    unit = session.get(Unit, report.unit_id)
    vc = verksamhetschef_for(session, unit) if unit else None
    return vc is not None and vc.id == person.id


# --- the whole workflow (issue 12): who sees the content, who carries the steps ----------------------


def is_verksamhetschef_for(session: Session, person: Person, report: LexSarahReport) -> bool:
    unit = session.get(Unit, report.unit_id)
    vc = verksamhetschef_for(session, unit) if unit else None
    return vc is not None and vc.id == person.id


def can_view_content(session: Session, person: Person, report: LexSarahReport) -> bool:
    """The report's content and investigation: lex Sarah-ansvariga, the investigator, the verksamhetschef.
    The reporter, as such, sees state and outcome only."""
    return (person.id == report.investigator_id or is_responsible(person)
            or is_verksamhetschef_for(session, person, report))


def sees_state_only(session: Session, person: Person, report: LexSarahReport) -> bool:
    return can_view(session, person, report) and not can_view_content(session, person, report)


def can_manage(person: Person, report: LexSarahReport) -> bool:
    """Record the decision and the IVO anmälan, keep the handlingsplan, close: the investigator or a
    lex Sarah-ansvarig."""
    return person.active and (person.id == report.investigator_id or is_responsible(person))


def can_add_measures(session: Session, person: Person, report: LexSarahReport) -> bool:
    return can_manage(person, report) or is_verksamhetschef_for(session, person, report)


def can_view_measure(session: Session, person: Person, report: LexSarahReport, responsible_id: int) -> bool:
    """The person responsible for a measure sees that row (not the report's content)."""
    return person.id == responsible_id or can_view_content(session, person, report)


def can_act_on_measure(person: Person, report: LexSarahReport, responsible_id: int) -> bool:
    return person.id == responsible_id or can_manage(person, report)


def can_see_overview(person: Person) -> bool:
    return person.active and (is_responsible(person) or person.has_role(Role.VERKSAMHETSCHEF))


def can_make_document(session: Session, person: Person, report: LexSarahReport) -> bool:
    return can_view_content(session, person, report)


def can_convert_avvikelse(person: Person, *, investigates_avvikelse: bool) -> bool:
    """The avvikelse's investigating chef, or a lex Sarah-ansvarig, may make it a lex Sarah report."""
    return person.active and (investigates_avvikelse or is_responsible(person))
