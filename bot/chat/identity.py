"""Map a person key to a Person, or refuse with a clear Swedish message. Platform ids: see each adapter."""

from __future__ import annotations

from bot.errors import UnknownUser
from bot.org.directory import person_by_key
from bot.ui.texts import UNKNOWN_USER
from storage.db import Database
from storage.models import Person


def resolve_key(db: Database, key: str) -> Person:
    with db.read() as session:
        person = person_by_key(session, key)
    if person is None:
        raise UnknownUser(UNKNOWN_USER)
    return person
