"""Who may see and change a case deadline: the handläggare, and the team's teamledare and chefs."""

from __future__ import annotations

from sqlmodel import Session

from bot.org.directory import verksamhetschef_for
from storage.models import Person, Role, Unit
from storage.models.frist import CaseDeadline

LEADS = (Role.TEAMLEDARE, Role.ENHETSCHEF)


def leads_unit(session: Session, person: Person, unit_id: int | None) -> bool:
    """Teamledare and enhetschef lead their own unit; a verksamhetschef leads the units under theirs."""
    if unit_id is None:
        return False
    if any(person.has_role(r) for r in LEADS) and person.unit_id == unit_id:
        return True
    unit = session.get(Unit, unit_id)
    vc = verksamhetschef_for(session, unit) if unit else None
    return vc is not None and vc.id == person.id


def can_view(session: Session, person: Person, deadline: CaseDeadline) -> bool:
    return person.id == deadline.handlaggare_id or leads_unit(session, person, deadline.unit_id)


def can_change(session: Session, person: Person, deadline: CaseDeadline) -> bool:
    return can_view(session, person, deadline)


def can_reassign(session: Session, person: Person, deadline: CaseDeadline) -> bool:
    return leads_unit(session, person, deadline.unit_id)


def can_hold_deadlines(person: Person) -> bool:
    return person.active and (person.has_role(Role.HANDLAGGARE) or person.has_role(Role.TEAMLEDARE))
