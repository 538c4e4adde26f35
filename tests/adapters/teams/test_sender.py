"""TeamsSender conforms to the dispatcher's Sender protocol: reachable once Teams gave the conversation."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.adapters.teams.identity import ConversationRef, remember_conversation
from bot.adapters.teams.sender import TeamsSender, TeamsUnreachable
from bot.reminders.dispatcher import Sender
from bot.ui.model import Message
from storage.models import Person
from tests.conftest import make_lotsen


def test_reachable_only_with_a_teams_id_and_a_stored_conversation(sqlite_url: str) -> None:
    lotsen = make_lotsen(sqlite_url)
    sender: Sender = TeamsSender(lotsen.db, app=None, loop=lambda: None)  # type: ignore[arg-type]
    with lotsen.db.session() as s:
        erik = s.exec(select(Person).where(Person.key == "hl.erik")).one()
        assert not sender.can_reach(erik)  # no Teams id
        erik.teams_user_id = "aaaaaaaa-0000-4000-8000-0000000000e1"
        s.add(erik)
    assert not sender.can_reach(erik)  # a Teams id, but no install or first contact yet
    remember_conversation(lotsen.db, ConversationRef("AAAAAAAA-0000-4000-8000-0000000000E1", "a:1conv",
                                                     "https://smba.trafficmanager.net/emea/", "t", "28:bot"))
    assert sender.can_reach(erik)
    remember_conversation(lotsen.db, ConversationRef(erik.teams_user_id, "a:1new", "https://x/", "t", "28:bot"))
    with pytest.raises(TeamsUnreachable):  # the adapter's loop is not running: the outbox will retry
        sender.send(erik, Message(text="Påminnelse"))
    lotsen.db.dispose()
