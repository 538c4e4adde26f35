"""Map a platform user to a Person in the organisation, or refuse with a clear Swedish message."""

from __future__ import annotations

from bot.errors import UnknownUser
from bot.org.directory import person_by_email, person_by_key, person_by_slack_id
from bot.ui.texts import UNKNOWN_USER
from storage.db import Database
from storage.models import Person


def resolve_slack_user(db: Database, slack_user_id: str, email: str | None = None) -> Person:
    with db.read() as session:
        person = person_by_slack_id(session, slack_user_id)
    if person is not None:
        return person
    if email:
        with db.session() as session:
            found = person_by_email(session, email)
            if found is not None and found.slack_user_id is None:
                # First contact from Slack: remember the id so the next lookup is direct.
                found.slack_user_id = slack_user_id
                session.add(found)
            if found is not None:
                return found
    raise UnknownUser(UNKNOWN_USER)


def resolve_key(db: Database, key: str) -> Person:
    with db.read() as session:
        person = person_by_key(session, key)
    if person is None:
        raise UnknownUser(UNKNOWN_USER)
    return person
