"""Who may see a lex Sarah report, and how much. The table in docs/behorighet.md says the same.

Everything (report, investigation, assessment): the lex Sarah-ansvariga, the investigator, the
enhetschef of the unit concerned and the verksamhetschef above it (walking the unit tree upward).
The reporter: the state and the outcome only. Everyone else, other chefs and kvalitetsenheten as
such included, is refused.
"""

from __future__ import annotations

from enum import Enum

from sqlmodel import Session

from bot.org.hierarchy import is_unit_chef, leads_area
from storage.models import Person, Role
from storage.models.lex_sarah import LexSarahReport


class Access(Enum):
    NONE = "none"
    OUTCOME = "outcome"  # state and outcome, never the investigation or the assessment's motivation
    FULL = "full"


def is_responsible(person: Person) -> bool:
    return person.active and person.has_role(Role.LEX_SARAH_ANSVARIG)


def access(session: Session, person: Person, report: LexSarahReport) -> Access:
    if not person.active or person.id is None:
        return Access.NONE
    if (is_responsible(person) or person.id == report.investigator_id
            or is_unit_chef(session, person, report.unit_id) or leads_area(session, person, report.unit_id)):
        return Access.FULL
    if person.id == report.reported_by_id:
        return Access.OUTCOME
    return Access.NONE


def can_view(session: Session, person: Person, report: LexSarahReport) -> bool:
    return access(session, person, report) is not Access.NONE


def can_see_everything(session: Session, person: Person, report: LexSarahReport) -> bool:
    return access(session, person, report) is Access.FULL


# --- the whole workflow: who sees the content, who carries the steps ---------------------------------


def can_view_content(session: Session, person: Person, report: LexSarahReport) -> bool:
    """The report's content and investigation; the reporter, as such, sees state and outcome only."""
    return can_see_everything(session, person, report)


def sees_state_only(session: Session, person: Person, report: LexSarahReport) -> bool:
    return access(session, person, report) is Access.OUTCOME


def is_verksamhetschef_for(session: Session, person: Person, report: LexSarahReport) -> bool:
    return leads_area(session, person, report.unit_id)


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
