"""The same user stories through Slack and through Teams (parametrized by front end), so the two cannot drift:
file an avvikelse in a form, list them, receive a reminder proactively, ask which routine applies.

Each driver speaks its platform's real wire format to the real app over loopback (signed Slack requests /
activities signed like Azure Bot Service's) and reads what the bot sent from the platform's local fake.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any, Protocol

import pytest
from sqlmodel import select

from bot.clock import utcnow
from bot.reminders.outbox import plan
from bot.ui.model import Message
from storage.models import Person
from tests.adapters.teams.conftest import TEAMS_IDS, give_teams_ids
from tests.conftest import make_lotsen
from tests.support import teams as ms
from tests.support.slack import SlackHarness
from tests.support.slack import select as slack_choice

REPORT = {
    "event_date": "2026-11-20", "unit": "MOTT", "subject": "organisatorisk", "origin": "intern",
    "category": "Dokumentation", "what_happened": "Journalanteckning fördes in tre veckor för sent.",
    "consequence": "Kollegor saknade information.", "immediate_action": "Anteckningen fördes in.",
    "case_reference": "SN 2026/0412",
}
CONTENT = "Journalanteckning"
CHOICES = ("unit", "subject", "origin", "category")


class FrontEnd(Protocol):
    lotsen: Any

    def file_avvikelse(self, person: str, values: dict[str, str]) -> str: ...

    def list_avvikelser(self, person: str) -> str: ...

    def ask(self, person: str, question: str) -> str: ...

    def delivered_to(self, person: str, count: int = 1) -> list[str]: ...

    def stop(self) -> None: ...


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


SLACK_IDS = {"me.anna": "U0DEMOME01", "ec.maria": "U0DEMOEC01", "hl.erik": "U0DEMOHL02"}


class SlackFront:
    IDS = SLACK_IDS

    def __init__(self, lotsen: Any) -> None:
        self.lotsen = lotsen
        self.h = SlackHarness.start(lotsen)
        self._views = 0

    def file_avvikelse(self, person: str, values: dict[str, str]) -> str:
        self.h.command(self.IDS[person], "/avvikelse")
        assert self.h.fake is not None
        [opened] = self.h.fake.wait_for("views.open")
        assert opened.params["view"]["callback_id"] == "avvikelse_new"
        self._views += 1
        state = {k: slack_choice(v) if k in CHOICES else v for k, v in values.items()}
        body = self.h.submit_view(self.IDS[person], "avvikelse_new", state, view_id=f"VS{self._views}").json()
        return dumps(body["view"])

    def list_avvikelser(self, person: str) -> str:
        assert self.h.fake is not None
        before = len(self.h.fake.calls_to("response_url"))
        self.h.command(self.IDS[person], "/avvikelse", "lista")
        return dumps(self.h.fake.wait_for("response_url", count=before + 1)[-1].params)

    def ask(self, person: str, question: str) -> str:
        assert self.h.fake is not None
        dm = {"type": "message", "channel_type": "im", "channel": "D0BOT", "user": self.IDS[person],
              "ts": f"{time.time():.6f}", "text": question}
        self.h.event(dm, event_id=f"Ev{time.monotonic_ns()}")
        return dumps(self.h.fake.wait_for("chat.postMessage")[-1].params)

    def delivered_to(self, person: str, count: int = 1) -> list[str]:
        assert self.h.fake is not None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = [dumps(c.params) for c in self.h.fake.calls_to("chat.postMessage")
                     if c.params.get("channel") == self.IDS[person]]
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"nothing delivered to {person} on Slack")

    def stop(self) -> None:
        self.h.stop()


class TeamsFront:
    def __init__(self, lotsen: Any) -> None:
        self.lotsen = lotsen
        give_teams_ids(lotsen)
        self.h = ms.TeamsHarness.start(lotsen)
        for aad in TEAMS_IDS.values():  # the admin's setup policy installed the app for everyone
            body = ms.activity(self.h.fake, aad, kind="installationUpdate")
            body["action"] = "add"
            assert self.h.post(body).status == 200

    def _chat(self, person: str, text: str, *, launcher: bool = False) -> ms.Recorded:
        """What the bot answered in the chat; proactive notifications may arrive in between."""
        before = len(self.h.fake.sent)
        self.h.post(ms.message(self.h.fake, TEAMS_IDS[person], text))
        if launcher:
            return self.h.fake.wait_for_launcher(after=before)
        conversation = ms.personal_conversation(TEAMS_IDS[person])
        return self.h.fake.wait_for(lambda s: s.conversation_id == conversation, after=before)

    def _dialog(self, person: str, data: dict[str, Any], submit: bool = False) -> dict[str, Any]:
        build = ms.dialog_submit if submit else ms.dialog_open
        return ms.dialog_card(self.h.post(build(self.h.fake, TEAMS_IDS[person], data)))

    def file_avvikelse(self, person: str, values: dict[str, str]) -> str:
        launcher = self._chat(person, "avvikelse", launcher=True)
        assert CONTENT not in launcher.text()
        form = self._dialog(person, ms.button_data(launcher.cards()[0]))
        return dumps(self._dialog(person, {**form["actions"][0]["data"], **values}, submit=True))

    def list_avvikelser(self, person: str) -> str:
        launcher = self._chat(person, "avvikelse lista", launcher=True)
        return dumps(self._dialog(person, ms.button_data(launcher.cards()[0])))

    def ask(self, person: str, question: str) -> str:
        return self._chat(person, question).text()

    def delivered_to(self, person: str, count: int = 1) -> list[str]:
        conversation = ms.personal_conversation(TEAMS_IDS[person])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = [s.text() for s in self.h.fake.sent if s.conversation_id == conversation]
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"nothing delivered to {person} on Teams")

    def stop(self) -> None:
        self.h.stop()


@pytest.fixture(params=["slack", "teams"])
def front(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[FrontEnd]:
    lotsen = make_lotsen(sqlite_url)
    driver: FrontEnd = SlackFront(lotsen) if request.param == "slack" else TeamsFront(lotsen)
    yield driver
    driver.stop()
    lotsen.db.dispose()


def test_story_file_an_avvikelse_and_the_chef_is_told_without_content(front: FrontEnd) -> None:
    receipt = front.file_avvikelse("me.anna", REPORT)
    assert "AVV-2026-0001" in receipt
    [notice] = front.delivered_to("ec.maria")
    assert "AVV-2026-0001" in notice and CONTENT not in notice


def test_story_the_chef_lists_what_to_investigate(front: FrontEnd) -> None:
    front.file_avvikelse("me.anna", REPORT)
    listing = front.list_avvikelser("ec.maria")
    assert "Att utreda" in listing and "AVV-2026-0001" in listing


def test_story_a_reminder_reaches_the_person_proactively(front: FrontEnd) -> None:
    with front.lotsen.db.session() as s:
        erik = s.exec(select(Person).where(Person.key == "hl.erik")).one()
        assert erik.id is not None
        plan(s, key="story:reminder", kind="test", recipient_id=erik.id, due_at=utcnow(),
             message=Message(text="Påminnelse: frist F-1 går ut om 3 dagar", header="Påminnelse"))
    [delivered] = front.delivered_to("hl.erik")
    assert "frist F-1 går ut om 3 dagar" in delivered


def test_story_which_routine_applies(front: FrontEnd) -> None:
    from bot.demo.seed import ensure_demo_catalogue

    ensure_demo_catalogue(front.lotsen)
    answer = front.ask("hl.erik", "vem beslutar att inte inleda utredning")
    assert "forhandsbedomning.docx" in answer
