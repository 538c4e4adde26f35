"""Who may see and do what with an avvikelse. Checked in the core, so no adapter can forget it."""

from __future__ import annotations

from sqlmodel import Session

from bot.org.directory import verksamhetschef_for
from storage.models import Avvikelse, Person, Role, Unit


def verksamhetschef_id(session: Session, report: Avvikelse) -> int | None:
    unit = session.get(Unit, report.unit_id)
    vc = verksamhetschef_for(session, unit) if unit else None
    return vc.id if vc else None


def can_view(session: Session, person: Person, report: Avvikelse) -> bool:
    if person.id in (report.reported_by_id, report.investigator_id):
        return True
    if person.has_role(Role.KVALITETSENHET):
        return True
    return person.id is not None and person.id == verksamhetschef_id(session, report)


def is_investigator(person: Person, report: Avvikelse) -> bool:
    return person.id == report.investigator_id


def can_reassign_or_reopen(session: Session, person: Person, report: Avvikelse) -> bool:
    return is_investigator(person, report) or person.id == verksamhetschef_id(session, report)


def can_investigate(person: Person) -> bool:
    return person.active and (person.has_role(Role.ENHETSCHEF) or person.has_role(Role.VERKSAMHETSCHEF))
