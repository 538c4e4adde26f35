"""Find people as a person would name them: by id, e-mail, or (part of) their name.

Front ends that let someone type a person (the console; Slack uses user/external selects) resolve the
text here, offer a choice when several match, and check that the person qualifies (a role).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from bot.org.cache import OrgSnapshot
from bot.org.directory import active_people, active_units
from bot.ui.model import Option
from storage.models import Person


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def qualifies(person: Person, roles: Sequence[str]) -> bool:
    """Active, and (when roles are given) holding at least one of them."""
    return person.active and (not roles or any(role in person.roles for role in roles))


def match_people(session: Session, text: str) -> list[Person]:
    """Active people that `text` names: an exact id or e-mail first; else everyone whose name contains
    every typed word at the start of one of its words ("sara", "Sara Team", "team s"), or whose id
    contains the text. Sorted by name."""
    wanted = _fold(text.strip().lstrip("@"))
    if not wanted:
        return []
    people = active_people(session)
    exact = [p for p in people if p.key.casefold() == wanted or (p.email or "").casefold() == wanted]
    if exact:
        return exact
    words = wanted.split()

    def named(person: Person) -> bool:
        name_words = _fold(person.name).split()
        return all(any(n.startswith(w) for n in name_words) for w in words)

    return [p for p in people if named(p) or wanted in p.key.casefold()]


def people_who_qualify(session: Session, roles: Sequence[str]) -> list[Person]:
    return [p for p in active_people(session) if qualifies(p, roles)]


# A list longer than this is no help to pick from; a front end then offers its own people picker.
MAX_CHOICES = 100


def choices_for(org: OrgSnapshot, roles: Sequence[str]) -> tuple[Option, ...]:
    """Everyone a person field with these roles accepts, as choices (key, "Name, Unit"), by name; ()
    when there are more than MAX_CHOICES, or no roles (anyone active: the platform's picker). From the
    cached organisation, which is checked against the database's generation before it is used."""
    if not roles:
        return ()
    people = sorted((p for p in org.people.values() if qualifies(p, roles)), key=lambda p: p.name)
    if len(people) > MAX_CHOICES:
        return ()
    units = {u.id: u.name for u in org.active_units}
    return tuple(Option(p.key, f"{p.name}, {units[p.unit_id]}" if p.unit_id in units else p.name) for p in people)


def unit_names(session: Session) -> dict[int, str]:
    return {u.id: u.name for u in active_units(session) if u.id is not None}
