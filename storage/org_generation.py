"""A counter that moves whenever the organisation (people, units, roles) changes.

Caches of the organisation (`bot.org.cache`) read it before every use. Any ORM transaction that
adds, changes or removes a `Person` or `Unit` increments the `number_sequence` row `org-generation`
in that same transaction (a `before_flush` hook, registered when this module is imported, which
`storage.db` does): the org import, a platform id learnt at first contact, a test's fixture alike.
A Core UPDATE or DELETE on `person` or `unit` bypasses the hook and must bump the counter itself.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain
from typing import Any

from sqlalchemy import Table, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import NumberSequence, Person, Unit

ORG_GENERATION = "org-generation"
_SEQUENCE: Table = NumberSequence.__table__  # type: ignore[attr-defined]
GENERATION_QUERY = select(_SEQUENCE.c.last_value).where(_SEQUENCE.c.name == ORG_GENERATION)


@lru_cache(maxsize=4)
def _bump(dialect: str) -> Any:
    module = postgresql if dialect == "postgresql" else sqlite
    insert = module.insert(_SEQUENCE).values(name=ORG_GENERATION, last_value=1)
    return insert.on_conflict_do_update(index_elements=[_SEQUENCE.c.name],
                                        set_={"last_value": _SEQUENCE.c.last_value + 1})


@event.listens_for(Session, "before_flush")
def _bump_on_org_change(session: Session, _context: Any, _instances: Any) -> None:
    changed = chain(session.new, session.deleted, (o for o in session.dirty if session.is_modified(o)))
    if any(isinstance(obj, Person | Unit) for obj in changed):
        session.connection().execute(_bump(session.get_bind().dialect.name))
