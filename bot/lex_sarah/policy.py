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
