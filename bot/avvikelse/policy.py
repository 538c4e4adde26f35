"""Who may see and do what with an avvikelse. Checked in the core, so no adapter can forget it.

The table in docs/behorighet.md is this module in words; the two must agree.

See the report: the reporter; the investigating chef (the current one: a chef who handed the
investigation on no longer sees it); the verksamhetschef above the report's unit and above the
current investigator's unit, found by walking the unit tree upward; kvalitetsenheten; and whoever
a follow-up of the report was passed to.
"""

from __future__ import annotations

from sqlmodel import Session, select

from bot.org.hierarchy import verksamhetschef_above
from storage.models import Avvikelse, FollowUp, Person, Role


def verksamhetschef_id(session: Session, report: Avvikelse) -> int | None:
    """The verksamhetschef over the report's unit (walking upward)."""
    vc = verksamhetschef_above(session, report.unit_id)
    return vc.id if vc else None


def verksamhetschef_ids(session: Session, report: Avvikelse) -> set[int]:
    """The verksamhetschef over the report's unit and the one over the current investigator's unit."""
    ids: set[int] = set()
    investigator = session.get(Person, report.investigator_id)
    for unit_id in (report.unit_id, investigator.unit_id if investigator else None):
        vc = verksamhetschef_above(session, unit_id)
        if vc is not None and vc.id is not None:
            ids.add(vc.id)
    return ids


def holds_follow_up(session: Session, person: Person, report: Avvikelse) -> bool:
    if report.id is None or person.id is None:
        return False
    stmt = select(FollowUp.id).where(FollowUp.avvikelse_id == report.id, FollowUp.owner_id == person.id)
    return session.exec(stmt).first() is not None


def can_view(session: Session, person: Person, report: Avvikelse) -> bool:
    if not person.active or person.id is None:
        return False
    if person.id in (report.reported_by_id, report.investigator_id):
        return True
    if person.has_role(Role.KVALITETSENHET):
        return True
    if person.id in verksamhetschef_ids(session, report):
        return True
    return holds_follow_up(session, person, report)


def is_investigator(person: Person, report: Avvikelse) -> bool:
    return person.active and person.id == report.investigator_id


def can_reassign_or_reopen(session: Session, person: Person, report: Avvikelse) -> bool:
    return is_investigator(person, report) or (person.active and person.id in verksamhetschef_ids(session, report))


def can_investigate(person: Person) -> bool:
    return person.active and (person.has_role(Role.ENHETSCHEF) or person.has_role(Role.VERKSAMHETSCHEF))
