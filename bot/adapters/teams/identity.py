"""Teams users → Lotsen people, and the conversation references proactive messages need.

A Teams user is known by their Azure AD object id (`from.aadObjectId`), matched against the
organisation file's `teams:` field (stored lower case-insensitively, as AAD ids are GUIDs).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, update
from sqlmodel import col, select

from bot.clock import utcnow
from bot.errors import UnknownUser
from bot.org.directory import person_by_email
from bot.ui.texts import UNKNOWN_USER
from storage.db import Database
from storage.models import Person, TeamsConversation
from storage.upsert import insert_ignore


def normalise(aad_object_id: str) -> str:
    return aad_object_id.strip().lower()


def person_by_teams_id(db: Database, aad_object_id: str) -> Person | None:
    if not aad_object_id.strip():
        return None
    with db.read() as session:
        return session.exec(
            select(Person).where(func.lower(col(Person.teams_user_id)) == normalise(aad_object_id),
                                 col(Person.active).is_(True))
        ).first()


def resolve_teams_user(db: Database, aad_object_id: str | None) -> Person:
    person = person_by_teams_id(db, aad_object_id or "")
    if person is None:
        raise UnknownUser(UNKNOWN_USER)
    return person


def link_by_email(db: Database, aad_object_id: str, email: str) -> Person | None:
    """First contact from Teams of a person the organisation file knows by e-mail only: remember the
    Azure AD object id, so the next lookup is direct (as Slack does with its user id)."""
    with db.session() as session:
        found = person_by_email(session, email)
        if found is None:
            return None
        if found.teams_user_id is None:
            found.teams_user_id = normalise(aad_object_id)
            session.add(found)
            return found
    return None  # the address belongs to someone already linked to another Teams account


@dataclass(frozen=True)
class ConversationRef:
    aad_object_id: str
    conversation_id: str
    service_url: str
    tenant_id: str
    bot_id: str


def remember_conversation(db: Database, ref: ConversationRef) -> None:
    """Upsert the person's 1:1 conversation with the bot (install, first message, or a changed URL).
    Concurrent first contacts are harmless: the insert ignores a conflict, then the row is brought up
    to date."""
    key = normalise(ref.aad_object_id)
    values = {"conversation_id": ref.conversation_id, "service_url": ref.service_url,
              "tenant_id": ref.tenant_id, "bot_id": ref.bot_id}
    with db.read() as session:
        row = session.get(TeamsConversation, key)
        if row is not None and all(getattr(row, k) == v for k, v in values.items()):
            return
    with db.session() as session:
        table = TeamsConversation.__table__  # type: ignore[attr-defined]
        if not insert_ignore(session, table, {"aad_object_id": key, "updated_at": utcnow(), **values}):
            session.execute(update(table).where(table.c.aad_object_id == key).values(updated_at=utcnow(), **values))


def forget_conversation(db: Database, aad_object_id: str) -> None:
    """The app was uninstalled for the person: Teams would refuse proactive messages from now on."""
    with db.session() as session:
        row = session.get(TeamsConversation, normalise(aad_object_id))
        if row is not None:
            session.delete(row)


def conversation_for(db: Database, person: Person) -> ConversationRef | None:
    if not person.teams_user_id:
        return None
    with db.read() as session:
        row = session.get(TeamsConversation, normalise(person.teams_user_id))
    if row is None:
        return None
    return ConversationRef(row.aad_object_id, row.conversation_id, row.service_url, row.tenant_id, row.bot_id)
