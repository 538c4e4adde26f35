"""The role × object walk: every person of an organisation with two verksamhetsområden (and a stranger who is not
in it) × every kind of object × every read path, through the signed Slack endpoint against the fake Slack.

Asserts what each sees, that content only ever appears in a modal, App Home or an ephemeral response, that no
chat.postMessage (notifications included) carries content, that every view and refusal is audited, and that
changes by people who must not make them are refused and change nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from bot.app import Lotsen, build
from bot.avvikelse.forms import InvestigationInput, MeasureInput, NewReport
from bot.clock import today_local
from bot.config import Settings
from bot.devtools.fake_slack import Call
from bot.frist.service import RegisterInput
from bot.lex_sarah.forms import LexSarahInvestigation, NewLexSarah
from bot.org.importer import import_org
from storage.models import AuditEntry, Avvikelse, FollowUp, Measure, Person
from storage.models.frist import CaseDeadline
from storage.models.lex_sarah import LexSarahReport
from tests.support.slack import SlackHarness
from tests.support.two_areas import write_two_areas

STRANGER = "U0STRANGER"
BOT = "U0LOTSENBOT"


@dataclass(frozen=True)
class Obj:
    name: str
    command: str  # slash command without the slash
    ref: str  # what is typed after "visa"
    action: str  # the open button's action id
    value: str  # the open button's value
    secret: str  # a word only the content carries
    content: frozenset[str]  # who sees the content
    outcome_only: frozenset[str] = frozenset()  # who may open it but sees no content (lex Sarah reporter)


def people(lotsen: Lotsen) -> dict[str, Person]:
    with lotsen.db.read() as s:
        return {p.key: p for p in s.exec(select(Person))}


def seed(lotsen: Lotsen) -> list[Obj]:
    p = people(lotsen)
    today = today_local()

    def avvikelse(reporter: str, unit: str, secret: str) -> str:
        data = NewReport(event_date=today, unit_code=unit, subject="organisatorisk", origin="intern",
                         category="Dokumentation", what_happened=f"Det som hände: {secret}.",
                         consequence="Konsekvens.", immediate_action="Åtgärd.", case_reference="SN 2026/0412")
        return lotsen.avvikelser.file(p[reporter], data, submission_key=secret, channel="seed").report.number

    a1 = avvikelse("me.anna", "MOTT", "SEKRETAETT")
    lotsen.avvikelser.add_measure(p["ec.maria"], a1, MeasureInput("Åtgärd SEKRETAETT", "tl.sara", today
                                                                  + timedelta(days=20)), channel="seed")
    lotsen.avvikelser.save_investigation(p["ec.maria"], a1, InvestigationInput(
        course="Förlopp SEKRETAETT", what_went_wrong="Fel.", causes="Orsak.", lex_sarah="nej",
        follow_up_date=None, close=False), channel="seed")
    a2 = avvikelse("hl.vux", "VUX1", "SEKRETATVA")
    lxs = lotsen.lex_sarah.file(p["hl.lina"], NewLexSarah(today, today, "MOTT", "Missförhållande SEKRETLEX.",
                                                          "Följd.", "Gjort.", None),
                                submission_key="lxs", channel="seed").report.number
    lotsen.lex_sarah.take(p["kv.petra"], lxs, channel="seed")
    lotsen.lex_sarah.save_investigation(p["kv.petra"], lxs, LexSarahInvestigation(
        "Orsak SEKRETLEX", "Nej", "Ja", "Åtgärd", None, "Motivering"), channel="seed")

    def frist(holder: str, ref: str, secret: str) -> CaseDeadline:
        d = lotsen.frister.register(p[holder], RegisterInput(ref, "utredning", today - timedelta(days=5)),
                                    channel="seed")
        return lotsen.frister.extend(p[holder], d.id or 0, d.due_date + timedelta(days=30), f"Skäl {secret}", None,
                                     channel="seed")

    f1, f2 = frist("hl.lina", "SN 2026/0412", "SEKRETFETT"), frist("hl.vux", "SN 2026/0999", "SEKRETFTVA")
    fs = frozenset
    return [
        Obj("avvikelse MOTT", "avvikelse", a1, "avvikelse:open", a1, "SEKRETAETT",
            fs({"me.anna", "ec.maria", "vc.karin", "kv.petra"})),
        Obj("avvikelse VUX1", "avvikelse", a2, "avvikelse:open", a2, "SEKRETATVA",
            fs({"hl.vux", "ec.stina", "vc.olle", "kv.petra"})),
        Obj("lex Sarah MOTT", "lexsarah", lxs, "lexsarah:open", lxs, "SEKRETLEX",
            fs({"kv.petra", "ec.maria", "vc.karin"}), outcome_only=fs({"hl.lina"})),
        Obj("frist MOTT", "frist", f1.label, "frist:open", str(f1.id), "SEKRETFETT",
            fs({"hl.lina", "tl.sara", "ec.maria", "vc.karin"})),
        Obj("frist VUX1", "frist", f2.label, "frist:open", str(f2.id), "SEKRETFTVA",
            fs({"hl.vux", "ec.stina", "vc.olle"})),
    ]


@pytest.fixture
def walk(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[SlackHarness, list[Obj], dict[str, Person]]]:
    lotsen = build(Settings(database_url=sqlite_url), migrate=False)
    with lotsen.db.session() as session:
        assert import_org(session, write_two_areas(tmp_path)).ok
    objects = seed(lotsen)
    harness = SlackHarness.start(lotsen, tick_seconds=0.05)
    yield harness, objects, people(lotsen)
    harness.stop()
    lotsen.db.dispose()


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class Walker:
    def __init__(self, slack: SlackHarness) -> None:
        self.slack = slack
        assert slack.fake is not None
        self.fake = slack.fake
        self.ids = count(1)
        self.seen_posts: list[Call] = []

    def wait(self, match: Callable[[Call], bool], timeout: float = 10.0, after: int = 0) -> Call:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [c for c in list(self.fake.calls)[after:] if match(c)]
            if found:
                return found[0]
            time.sleep(0.01)
        raise AssertionError(f"no matching call among {[c.method for c in self.fake.calls[after:]]}")

    def command(self, user: str, name: str, text: str) -> Call:
        before = len(self.fake.calls)
        response = self.slack.command(user, f"/{name}", text)
        assert response.status == 200, response
        return self.wait(lambda c: c.method in ("response_url", "views.open"), after=before)

    def click(self, user: str, action: str, value: str, *, from_home: bool) -> Call:
        before = len(self.fake.calls)
        assert self.slack.click(user, f"{action}#0", value, from_home=from_home).status == 200
        return self.wait(lambda c: c.method in ("response_url", "views.open"), after=before)

    def typed(self, user: str, text: str, *, mention: bool) -> Call:
        n = next(self.ids)
        ts = f"{n}.000{n}"
        if mention:
            event = {"type": "app_mention", "channel": "C0GENERAL", "user": user, "ts": ts, "text": f"<@{BOT}> {text}"}
        else:
            event = {"type": "message", "channel_type": "im", "channel": f"D{user}", "user": user, "ts": ts,
                     "text": text}
        assert self.slack.event(event, event_id=f"EvWalk{n}").status == 200
        if mention:
            return self.wait(lambda c: c.method == "chat.postMessage" and c.params.get("thread_ts") == ts)
        return self.wait(lambda c: c.method == "chat.postMessage" and c.params.get("channel") == f"D{user}"
                         and c.params.get("text") is not None and c not in self.seen_posts)


def test_every_role_every_object_every_read_path(walk: tuple[SlackHarness, list[Obj], dict[str, Person]]) -> None:
    slack, objects, everyone = walk
    walker = Walker(slack)
    users = {key: p.slack_user_id or "" for key, p in everyone.items()}
    leaks: list[str] = []
    for obj in objects:
        for key, user in users.items():
            sees_content = key in obj.content
            may_open = sees_content or key in obj.outcome_only
            where = f"{obj.name} / {key}"
            # 1. slash command: an ephemeral answer (response_url), content only for those who may see it
            answer = walker.command(user, obj.command, f"visa {obj.ref}")
            assert answer.method == "response_url" and answer.params["response_type"] == "ephemeral", where
            if (obj.secret in dump(answer.params)) != sees_content:
                leaks.append(f"command: {where}")
            assert ("inte behörighet" in dump(answer.params)) != may_open, where
            # 2. the button on a notification in a DM: a modal for those who may open it, else an ephemeral no
            clicked = walker.click(user, obj.action, obj.value, from_home=False)
            assert clicked.method == ("views.open" if may_open else "response_url"), where
            if (obj.secret in dump(clicked.params)) != sees_content:
                leaks.append(f"button: {where}")
            # 3. the same button in App Home: always a modal
            home = walker.click(user, obj.action, obj.value, from_home=True)
            assert home.method == "views.open", where
            if (obj.secret in dump(home.params)) != sees_content:
                leaks.append(f"home button: {where}")
            # 4. and 5. typed in a DM and in a channel mention: posted, so never content; a [Visa] button at most
            for mention in (False, True):
                post = walker.typed(user, f"/{obj.command} visa {obj.ref}", mention=mention)
                walker.seen_posts.append(post)
                if obj.secret in dump(post.params):
                    leaks.append(f"{'mention' if mention else 'dm'}: {where}")
                buttons = [e for b in post.params.get("blocks", []) if b.get("type") == "actions"
                           for e in b["elements"]]
                if may_open:
                    assert [b["action_id"].split("#")[0] for b in buttons] == [obj.action], where
    assert leaks == []

    # App Home for everyone: overviews, never content.
    for n, (key, user) in enumerate(users.items()):
        slack.event({"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home"},
                    event_id=f"EvHome{n}")
        published = walker.wait(lambda c, u=user: c.method == "views.publish" and c.params["user_id"] == u)
        assert not any(o.secret in dump(published.params) for o in objects), key

    # Nothing content-bearing in any posted message: answers, receipts, notifications, reminders.
    time.sleep(0.3)  # let the dispatcher's last tick deliver what the seeding planned
    posts = walker.fake.calls_to("chat.postMessage")
    assert len(posts) >= len(objects) * len(users) * 2
    for post in posts:
        assert not any(o.secret in dump(post.params) for o in objects), post.params

    # Every view and refusal was audited: per object, one entry per person and read path that reached the core.
    assert slack.lotsen is not None
    with slack.lotsen.db.read() as s:
        entries = list(s.exec(select(AuditEntry).where(col(AuditEntry.channel) == "slack")))
    for obj in objects:
        for key, person in everyone.items():
            mine = [e for e in entries if e.entity_ref == obj.ref and e.actor_id == person.id]
            expected = "visad" if key in obj.content or key in obj.outcome_only else "nekad"
            assert len(mine) >= 3 and all(e.action.startswith(expected) for e in mine), (obj.name, key, mine)


def test_a_stranger_is_refused_everywhere_and_audited_by_platform_id(
        walk: tuple[SlackHarness, list[Obj], dict[str, Person]]) -> None:
    slack, objects, _ = walk
    walker = Walker(slack)
    for obj in objects:
        answer = walker.command(STRANGER, obj.command, f"visa {obj.ref}")
        assert "finns inte i Lotsens organisation" in dump(answer.params) and obj.secret not in dump(answer.params)
        clicked = walker.click(STRANGER, obj.action, obj.value, from_home=True)
        assert obj.secret not in dump(clicked.params)
        post = walker.typed(STRANGER, f"/{obj.command} visa {obj.ref}", mention=True)
        assert obj.secret not in dump(post.params)
    assert slack.lotsen is not None
    with slack.lotsen.db.read() as s:
        refusals = list(s.exec(select(AuditEntry).where(AuditEntry.entity_ref == f"slack:{STRANGER}")))
    assert len(refusals) >= 3 * len(objects)
    assert all(e.actor_id is None and e.action == "nekad_okand_anvandare" for e in refusals)
    assert all(obj.secret not in dump(e.changes) for e in refusals for obj in objects)


def snapshot(lotsen: Lotsen) -> Any:
    with lotsen.db.read() as s:
        return [[r.model_dump() for r in s.exec(select(model))]
                for model in (Avvikelse, Measure, FollowUp, LexSarahReport, CaseDeadline)]


def test_changes_by_those_who_must_not_are_refused_and_change_nothing(
        walk: tuple[SlackHarness, list[Obj], dict[str, Person]]) -> None:
    slack, objects, _ = walk
    assert slack.lotsen is not None
    a1, _, lxs, f1, _ = objects
    before = snapshot(slack.lotsen)
    attempts: list[tuple[str, str, dict[str, Any], dict[str, str]]] = [
        ("U0DEMOEC02", "avvikelse_investigation", {"inv_course": "x", "inv_what_went_wrong": "x", "inv_causes": "x",
                                                   "inv_lex_sarah": None, "inv_follow_up_date": None,
                                                   "decision": None}, {"number": a1.ref}),
        ("U0DEMOME01", "avvikelse_measure", {"description": "x", "responsible": "U0DEMOME01",
                                             "due_date": "2030-01-01"}, {"number": a1.ref}),
        ("U0DEMOHL01", "avvikelse_handover", {"to": "U0DEMOEC02", "reason": "x"}, {"number": a1.ref}),
        ("U0TESTVC02", "avvikelse_reopen", {"reason": "x"}, {"number": a1.ref}),
        ("U0DEMOEC01", "lexsarah_investigation", {"inv_causes": "x"}, {"number": lxs.ref}),
        ("U0DEMOHL01", "lexsarah_ivo", {"ivo_date": "2026-01-01"}, {"number": lxs.ref}),
        ("U0DEMOHL02", "frist_extend", {"new_due": "2030-01-01", "reason": "x", "decided_by": None}, {"id": f1.value}),
        ("U0DEMOHL01", "frist_reassign", {"to": "U0DEMOHL02"}, {"id": f1.value}),
        ("U0TESTVC02", "frist_close", {"confirm": None}, {"id": f1.value}),
        (STRANGER, "frist_close", {"confirm": None}, {"id": f1.value}),
    ]
    for n, (user, callback, values, metadata) in enumerate(attempts):
        body = slack.submit_view(user, callback, values, metadata=metadata, view_id=f"VX{n}").json()
        assert body["response_action"] in ("update", "errors"), (callback, body)
        assert not any(o.secret in dump(body) for o in objects), callback
    for user, action, value in [("U0DEMOVC01", "lexsarah:take", lxs.ref), ("U0DEMOHL01", "lexsarah:close", lxs.ref),
                                ("U0DEMOEC02", "avvikelse:start", a1.ref), ("U0TESTEC03", "avvikelse:reopen", a1.ref),
                                ("U0DEMOTL02", "frist:close", f1.value)]:
        slack.click(user, f"{action}#0", value, from_home=True)
    Walker(slack).wait(lambda c: c.method == "views.open" and len(slack.fake.calls_to("views.open")) >= 5)  # type: ignore[union-attr]
    assert snapshot(slack.lotsen) == before
    with slack.lotsen.db.read() as s:
        refused = [e for e in s.exec(select(AuditEntry)) if e.action.startswith("nekad")]
    assert len(refused) >= 10


def test_prefilled_forms_open_only_for_whoever_may_act_and_are_audited(
        walk: tuple[SlackHarness, list[Obj], dict[str, Person]]) -> None:
    slack, objects, everyone = walk
    walker = Walker(slack)
    a1, _, lxs, f1, _ = objects
    forms = [(a1, "avvikelse:investigate", a1.value, "avvikelse_investigation", {"ec.maria"}),
             (lxs, "lexsarah:investigate", lxs.value, "lexsarah_investigation", {"kv.petra"}),
             (f1, "frist:extend", f1.value, "frist_extend", {"hl.lina", "tl.sara", "ec.maria", "vc.karin"})]
    for obj, action, value, callback, allowed in forms:
        for key, person in everyone.items():
            opened = walker.click(person.slack_user_id or "", action, value, from_home=True)
            view = opened.params["view"]
            assert (view.get("callback_id") == callback) == (key in allowed), (callback, key)
            if key not in allowed:
                assert obj.secret not in dump(view), (callback, key)
    assert slack.lotsen is not None
    with slack.lotsen.db.read() as s:
        entries = list(s.exec(select(AuditEntry).where(col(AuditEntry.channel) == "slack")))
    by = {p.id: k for k, p in everyone.items()}
    for obj, _, _, _, allowed in forms:
        seen = {by[e.actor_id] for e in entries if e.entity_ref == obj.ref and e.action.startswith("visad")}
        refused = {by[e.actor_id] for e in entries if e.entity_ref == obj.ref and e.action.startswith("nekad")}
        assert allowed <= seen and not (allowed & refused)
        assert set(everyone) - seen - refused <= set(), obj.name  # every attempt left a trace
    assert any(e.action == "visad_formular" for e in entries)
