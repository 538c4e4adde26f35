"""Walking the unit tree upward: which units lie above a unit, and who leads an area.

A verksamhetschef leads every unit below the unit they are chef of, however deep; an enhetschef
leads their own unit. The walk stops at the top and at a cycle (an organisation file with a loop
must not hang a permission check).
"""

from __future__ import annotations

from sqlmodel import Session

from storage.models import Person, Role, Unit

MAX_DEPTH = 50


def units_upward(session: Session, unit: Unit | None) -> list[Unit]:
    """The unit itself, its parent, the parent's parent … to the top."""
    out: list[Unit] = []
    seen: set[int | None] = set()
    while unit is not None and unit.id not in seen and len(out) < MAX_DEPTH:
        out.append(unit)
        seen.add(unit.id)
        unit = session.get(Unit, unit.parent_id) if unit.parent_id is not None else None
    return out


def units_upward_from_id(session: Session, unit_id: int | None) -> list[Unit]:
    return units_upward(session, session.get(Unit, unit_id) if unit_id is not None else None)


def _active_chef(session: Session, unit: Unit) -> Person | None:
    chef = session.get(Person, unit.chef_id) if unit.chef_id is not None else None
    return chef if chef is not None and chef.active else None


def verksamhetschef_above(session: Session, unit_id: int | None) -> Person | None:
    """The nearest active chef with the verksamhetschef role on the way up from a unit (itself included)."""
    for unit in units_upward_from_id(session, unit_id):
        chef = _active_chef(session, unit)
        if chef is not None and chef.has_role(Role.VERKSAMHETSCHEF):
            return chef
    return None


def leads_area(session: Session, person: Person, unit_id: int | None) -> bool:
    """A verksamhetschef who is chef of the unit or of any unit above it."""
    if not person.active or person.id is None or not person.has_role(Role.VERKSAMHETSCHEF):
        return False
    return any(u.chef_id == person.id for u in units_upward_from_id(session, unit_id))


def nearest_chef(session: Session, unit_id: int | None) -> Person | None:
    """The unit's own chef, or for a team without one, the chef of the nearest unit above it."""
    for unit in units_upward_from_id(session, unit_id):
        chef = _active_chef(session, unit)
        if chef is not None:
            return chef
    return None


def is_unit_chef(session: Session, person: Person, unit_id: int | None) -> bool:
    """The person is the unit's chef (its own, or the nearest above a team that has none)."""
    chef = nearest_chef(session, unit_id)
    return chef is not None and person.active and person.id is not None and chef.id == person.id
