"""People, units and roles kept in memory, and never stale: every use checks a generation counter.

Every request needs the organisation (who is this Slack user, which unit, who is its chef), and
the organisation changes only by `lotsen org import` (or a first contact that learns a platform
id). So the whole of it is loaded once into an `OrgSnapshot`, labelled with a generation number
kept in the `number_sequence` table (row `org-generation`). Any transaction that adds or changes a
`Person` or `Unit` through the ORM bumps that number in the same transaction (`storage.org_generation`,
so the importer, first contact and tests alike), and every use of the snapshot first reads
the number (one primary-key lookup): if it moved, the snapshot is loaded again. A role removed by
an import is therefore seen by the next request, in this process or any other on the same
database, as soon as the import commits; nothing relies on being told.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from sqlalchemy.engine import Connection
from sqlmodel import select

from storage.db import Database
from storage.models import Person, Unit
from storage.org_generation import GENERATION_QUERY
from storage.prepared import Prepared


@dataclass(frozen=True)
class OrgSnapshot:
    """The organisation at one generation. Its Person and Unit objects are shared: read them, never change them."""

    generation: int
    people: dict[int, Person]
    units: dict[int, Unit]
    active_units: tuple[Unit, ...]  # by name, as the forms list them
    _by_platform: dict[tuple[str, str], Person] = field(repr=False)
    _by_key: dict[str, Person] = field(repr=False)
    _by_email: dict[str, Person] = field(repr=False)
    _units_by_code: dict[str, Unit] = field(repr=False)

    @classmethod
    def build(cls, generation: int, people: Iterable[Person], units: Iterable[Unit]) -> OrgSnapshot:
        people_by_id = {p.id: p for p in people if p.id is not None}
        units_by_id = {u.id: u for u in units if u.id is not None}
        active = [p for p in people_by_id.values() if p.active]
        by_platform: dict[tuple[str, str], Person] = {}
        for p in active:
            if p.slack_user_id:
                by_platform[("slack", p.slack_user_id)] = p
            if p.teams_user_id:
                by_platform[("teams", p.teams_user_id)] = p
        active_units = tuple(sorted((u for u in units_by_id.values() if u.active), key=lambda u: u.name))
        return cls(
            generation=generation, people=people_by_id, units=units_by_id, active_units=active_units,
            _by_platform=by_platform, _by_key={p.key: p for p in active},
            _by_email={p.email: p for p in active if p.email}, _units_by_code={u.code: u for u in active_units},
        )

    def person_by_platform_id(self, platform: str, user_id: str) -> Person | None:
        """The active person a chat platform knows by `user_id` (as `directory.person_by_platform_id`)."""
        return self._by_platform.get((platform, user_id))

    def person_by_key(self, key: str) -> Person | None:
        return self._by_key.get(key)

    def person_by_email(self, email: str) -> Person | None:
        return self._by_email.get(email.strip().lower())

    def find_person(self, ref: str) -> Person | None:
        """A key or an e-mail address, as `directory.find_person`."""
        ref = ref.strip().lstrip("@")
        return self.person_by_key(ref) or (self.person_by_email(ref) if "@" in ref else None)

    def unit_by_code(self, code: str) -> Unit | None:
        return self._units_by_code.get(code)

    def unit_chef(self, unit: Unit) -> Person | None:
        chef = self.people.get(unit.chef_id) if unit.chef_id is not None else None
        return chef if chef is not None and chef.active else None

    def investigating_chef(self, unit: Unit) -> Person | None:
        """The unit's chef, else its parent's (verksamhetschef): as `directory.investigating_chef`."""
        parent = self.units.get(unit.parent_id) if unit.parent_id is not None else None
        return self.unit_chef(unit) or (self.unit_chef(parent) if parent is not None else None)


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.snapshot: OrgSnapshot | None = None


_CACHES: WeakKeyDictionary[Database, _Cache] = WeakKeyDictionary()
_CACHES_GUARD = threading.Lock()


def _cache_for(db: Database) -> _Cache:
    cache = _CACHES.get(db)
    if cache is None:
        with _CACHES_GUARD:
            cache = _CACHES.setdefault(db, _Cache())
    return cache


_GENERATION = Prepared(lambda _dialect: GENERATION_QUERY)


def org_snapshot(db: Database, connection: Connection | None = None) -> OrgSnapshot:
    """The organisation as of now. With `connection` (a write transaction's), the generation is read
    inside that transaction, so a write that checks permissions sees the organisation it sees."""
    if connection is not None:
        row = _GENERATION.execute(connection, {})
        generation = (row[0] if row else 0) or 0
    else:
        generation = db.read_scalar(_GENERATION) or 0
    cache = _cache_for(db)
    snapshot = cache.snapshot
    if snapshot is not None and snapshot.generation == generation:
        return snapshot
    with cache.lock:  # one thread loads; the others wait for it and use what it loaded
        snapshot = cache.snapshot
        if snapshot is None or snapshot.generation != generation:
            snapshot = cache.snapshot = _load(db)
        return snapshot


def _load(db: Database) -> OrgSnapshot:
    with db.read() as session:
        generation = session.connection().execute(GENERATION_QUERY).scalar() or 0
        people = list(session.exec(select(Person)))
        units = list(session.exec(select(Unit)))
    return OrgSnapshot.build(int(generation), people, units)
