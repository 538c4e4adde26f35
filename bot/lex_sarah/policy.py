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
