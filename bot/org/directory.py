"""Read-side of the organisation: who is who, who leads which unit."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Person, Role, Unit


class UnknownPerson(LookupError):
    pass


PLATFORM_ID_COLUMNS = {"slack": Person.slack_user_id, "teams": Person.teams_user_id}


def person_by_platform_id(session: Session, platform: str, user_id: str) -> Person | None:
    """The active person a chat platform knows by `user_id`. Adapters decide what counts as that id."""
    column = PLATFORM_ID_COLUMNS[platform]
    return session.exec(select(Person).where(column == user_id, col(Person.active).is_(True))).first()


def person_by_email(session: Session, email: str) -> Person | None:
    return session.exec(
        select(Person).where(
            Person.email == email.strip().lower(), col(Person.active).is_(True)
        )
    ).first()


def person_by_key(session: Session, key: str, *, include_inactive: bool = False) -> Person | None:
    stmt = select(Person).where(Person.key == key)
    if not include_inactive:
        stmt = stmt.where(col(Person.active).is_(True))
    return session.exec(stmt).first()


def unit_by_code(session: Session, code: str) -> Unit | None:
    return session.exec(select(Unit).where(Unit.code == code, col(Unit.active).is_(True))).first()


def active_units(session: Session) -> list[Unit]:
    return list(session.exec(select(Unit).where(col(Unit.active).is_(True)).order_by(Unit.name)))


def active_people(session: Session) -> list[Person]:
    return list(session.exec(select(Person).where(col(Person.active).is_(True)).order_by(Person.name)))


def people_with_role(session: Session, role: Role) -> list[Person]:
    return [p for p in active_people(session) if p.has_role(role)]


def unit_chef(session: Session, unit: Unit) -> Person | None:
    if unit.chef_id is None:
        return None
    chef = session.get(Person, unit.chef_id)
    return chef if chef and chef.active else None


def verksamhetschef_for(session: Session, unit: Unit) -> Person | None:
    """The chef of the unit's parent (verksamhetsområde), if any."""
    if unit.parent_id is None:
        return None
    parent = session.get(Unit, unit.parent_id)
    return unit_chef(session, parent) if parent else None


def investigating_chef(session: Session, unit: Unit) -> Person | None:
    """The reporter's enhetschef investigates; a unit without a chef falls back to its verksamhetschef."""
    return unit_chef(session, unit) or verksamhetschef_for(session, unit)


def find_person(session: Session, ref: str) -> Person | None:
    """Resolve what a person typed or an adapter passed on: a key or an e-mail address.

    Platform ids (a Slack users_select, a Teams mention) are turned into keys by the adapter first.
    """
    ref = ref.strip().lstrip("@")
    return person_by_key(session, ref) or (person_by_email(session, ref) if "@" in ref else None)
