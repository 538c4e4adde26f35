"""Who is this Slack user? Slack ids are resolved here, in the adapter; the core only sees a `Person`.

The person's Slack id is stored on the person (organisation file, or learnt at first contact by
e-mail); how a Slack id or a `<@U…>` mention becomes that person is Slack's business, not the core's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from slack_sdk import WebClient

from bot.errors import UnknownUser
from bot.org.cache import org_snapshot
from bot.org.directory import person_by_email
from bot.ui.texts import UNKNOWN_USER
from storage.db import Database
from storage.models import Person

MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


def resolve_slack_user(db: Database, slack_user_id: str, email: str | None = None) -> Person:
    person = org_snapshot(db).person_by_platform_id("slack", slack_user_id)  # cached, never stale
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


def email_of(client: WebClient, user_id: str) -> str | None:
    try:
        info = client.users_info(user=user_id)
    except Exception:  # no users:read.email, or the user is gone: treat as unknown
        return None
    profile = (info.get("user") or {}).get("profile") or {}
    email = profile.get("email")
    return str(email) if email else None


def strip_mentions(text: str) -> str:
    """A message to the bot in a channel starts with `<@Ubot>`; the question is what follows."""
    return MENTION.sub("", text).strip()


def person_refs(db: Database, values: Mapping[str, str | None], user_fields: set[str]) -> dict[str, str | None]:
    """Replace Slack user ids (users_select, or a typed `<@U…>`) with the person's key the core understands."""
    out = dict(values)
    if not user_fields:
        return out
    org = org_snapshot(db)
    for field in user_fields:
        raw = (out.get(field) or "").strip()
        match = MENTION.fullmatch(raw)
        slack_id = match.group(1) if match else raw
        person = org.person_by_platform_id("slack", slack_id) if slack_id else None
        if person is not None:
            out[field] = person.key
    return out
