"""Who may see and change a case deadline. The table in docs/behorighet.md says the same.

A handläggare their own; a teamledare or enhetschef those of their team or unit; a verksamhetschef
those of every unit in their area (walking the unit tree upward from the deadline's unit).
"""

from __future__ import annotations

from sqlmodel import Session

from bot.org.hierarchy import is_unit_chef, leads_area
from storage.models import Person, Role
from storage.models.frist import CaseDeadline

LEADS = (Role.TEAMLEDARE, Role.ENHETSCHEF)


def leads_unit(session: Session, person: Person, unit_id: int | None) -> bool:
    """Teamledare and enhetschef lead their own unit; a verksamhetschef leads the units under theirs."""
    if unit_id is None or not person.active:
        return False
    if any(person.has_role(r) for r in LEADS) and (person.unit_id == unit_id
                                                   or is_unit_chef(session, person, unit_id)):
        return True
    return leads_area(session, person, unit_id)


def can_view(session: Session, person: Person, deadline: CaseDeadline) -> bool:
    return (person.active and person.id == deadline.handlaggare_id) or leads_unit(session, person, deadline.unit_id)


def can_change(session: Session, person: Person, deadline: CaseDeadline) -> bool:
    return can_view(session, person, deadline)


def can_reassign(session: Session, person: Person, deadline: CaseDeadline) -> bool:
    return leads_unit(session, person, deadline.unit_id)


def can_hold_deadlines(person: Person) -> bool:
    return person.active and (person.has_role(Role.HANDLAGGARE) or person.has_role(Role.TEAMLEDARE))
