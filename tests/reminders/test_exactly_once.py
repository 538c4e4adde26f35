"""Exactly once through crashes, slow answers and rate limits, against the fake Slack's real wire format."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from slack_sdk import WebClient
from sqlmodel import select

from bot.adapters.slack.sender import EVENT_TYPE, SlackSender
from bot.app import Lotsen
from bot.devtools.fake_slack import Chaos, FakeSlack
from bot.frist.service import RegisterInput
from bot.reminders import outbox
from bot.reminders.dispatcher import Dispatcher
from bot.ui.model import Message
from storage.models import OutboxMessage, Person

TOKEN = "xoxb-test"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


def sender(fake: FakeSlack, timeout: int = 20) -> SlackSender:
    return SlackSender(WebClient(token=TOKEN, base_url=fake.url), timeout=timeout)


def plan(lotsen: Lotsen, person: Person, n: int, prefix: str = "t") -> None:
    with lotsen.db.session() as s:
        outbox.plan_all(s, [outbox.Delivery(f"{prefix}:{i}", "test", person.id or 0, Message(text=f"hej {i}"))
                            for i in range(n)])


def rows(lotsen: Lotsen) -> dict[str, OutboxMessage]:
    with lotsen.db.read() as s:
        return {o.key: o for o in s.exec(select(OutboxMessage))}


def test_every_post_carries_its_key_in_metadata(lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack) -> None:
    plan(lotsen, people["hl.lina"], 3)
    stats = Dispatcher(lotsen.db, [sender(fake)]).drain()
    assert stats.sent == 3
    posts = fake.calls_to("chat.postMessage")
    assert {p.params["metadata"]["event_type"] for p in posts} == {EVENT_TYPE}
    assert fake.posted_keys() == {"t:0": 1, "t:1": 1, "t:2": 1}
    assert {p.params["channel"] for p in posts} == {"U0DEMOHL01"}


def test_a_row_posted_before_a_crash_is_found_in_the_history_not_posted_again(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    plan(lotsen, people["hl.lina"], 2)
    crashed = Dispatcher(lotsen.db, [sender(fake)], lease_seconds=60, worker_id="crashed")
    claimed = crashed.claim()
    # It posted the first row, then died before marking anything.
    sender(fake).send_keyed(people["hl.lina"], Message(text="hej 0"), str(claimed[0]["key"]))
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=61), tick=False):
        stats = Dispatcher(lotsen.db, [sender(fake)], worker_id="survivor").drain()
    assert (stats.found, stats.sent) == (1, 1)
    assert fake.posted_keys() == {"t:0": 1, "t:1": 1}
    history = fake.calls_to("conversations.history")
    assert history and all(str(c.params["include_all_metadata"]).lower() in ("1", "true") for c in history)
    after = rows(lotsen)
    assert {r.status for r in after.values()} == {"sent"}
    assert all(r.attempts == 0 and r.crashes == 1 for r in after.values())  # a crash is not an attempt


def test_a_slow_answer_that_timed_out_is_found_on_retry(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    plan(lotsen, people["hl.lina"], 1)
    fake.chaos = Chaos(slow_rate=1.0, slow_seconds=1.5, methods=("chat.postMessage",))
    d = Dispatcher(lotsen.db, [sender(fake, timeout=1)], backoff_seconds=5)
    stats = d.drain()
    assert stats.retried == 1 and rows(lotsen)["t:0"].attempts == 1  # it timed out, yet the post landed
    fake.chaos = None
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=10), tick=False):
        stats = d.drain()
    assert stats.found == 1 and fake.posted_keys() == {"t:0": 1}
    assert rows(lotsen)["t:0"].status == "sent"


def test_retry_after_is_honoured_and_not_an_attempt(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    plan(lotsen, people["hl.lina"], 3)
    fake.chaos = Chaos(rate_limit_rate=1.0, retry_after=30, methods=("chat.postMessage",))
    d = Dispatcher(lotsen.db, [sender(fake)])
    start = datetime.now(UTC)
    stats = d.drain()
    assert stats.sent == 0 and len(fake.calls_to("chat.postMessage")) == 0  # 429s are not recorded as posts
    pending = rows(lotsen)
    assert {r.status for r in pending.values()} == {"pending"} and {r.attempts for r in pending.values()} == {0}
    assert all(r.due_at >= start + timedelta(seconds=29) for r in pending.values())
    fake.chaos = None
    assert d.drain().sent == 0  # still waiting as asked
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=31), tick=False):
        assert d.drain().sent == 3
    assert fake.posted_keys() == {"t:0": 1, "t:1": 1, "t:2": 1}


def test_server_errors_back_off(lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack) -> None:
    plan(lotsen, people["hl.lina"], 1)
    fake.chaos = Chaos(fail_rate=1.0, methods=("chat.postMessage",))
    d = Dispatcher(lotsen.db, [sender(fake)], backoff_seconds=30)
    assert d.drain().retried == 1
    row = rows(lotsen)["t:0"]
    assert row.status == "pending" and row.attempts == 1 and "500" in (row.last_error or "")
    assert d.drain().claimed == 0  # backing off


class Crashing:
    """A sender whose process dies in the middle of a send: nothing after the claim happens."""

    def can_reach(self, person: Person) -> bool:
        return True

    def send(self, person: Person, message: Message) -> None:
        raise SystemExit("killed")


def test_a_row_whose_claims_keep_dying_is_set_aside_and_someone_told(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    with lotsen.db.session() as s:
        outbox.plan(s, key="frist:1:dag:x", kind="frist_dag", recipient_id=people["hl.lina"].id or 0,
                    message=Message(text="innehåll som inte får synas"), reference="F-1 SN 2026/0001")
    plan(lotsen, people["hl.lina"], 1, prefix="other")
    moment = datetime.now(UTC)
    for round_ in range(3):
        with time_machine.travel(moment + timedelta(minutes=3 * round_), tick=False):
            d = Dispatcher(lotsen.db, [Crashing()], lease_seconds=60, batch_size=1, worker_id=f"w{round_}")
            with pytest.raises(SystemExit):
                d.run_once()
    with time_machine.travel(moment + timedelta(minutes=9), tick=False):
        Dispatcher(lotsen.db, [sender(fake)], lease_seconds=60).drain()
    after = rows(lotsen)
    assert after["frist:1:dag:x"].status == "set_aside" and after["frist:1:dag:x"].attempts == 0
    assert after["other:0"].status == "sent"  # the rest keep flowing
    notice = next(r for r in after.values() if r.kind == "utkorg_olevererad")
    assert notice.recipient_id == people["tl.sara"].id and notice.status == "sent"
    text = notice.payload["text"]
    assert "F-1 SN 2026/0001" in text and "Lina Handläggare" in text and "innehåll" not in text


def test_an_undeliverable_deadline_reminder_tells_the_teamledare(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    with lotsen.db.session() as s:
        lina = s.get(Person, people["hl.lina"].id)
        assert lina is not None
        lina.slack_user_id = None  # reachable on no platform
        s.add(lina)
        outbox.plan(s, key="frist:7:fore:x", kind="frist_fore", recipient_id=lina.id or 0,
                    message=Message(text="hemligt"), reference="F-7 SN 2026/0007")
    stats = Dispatcher(lotsen.db, [sender(fake)]).drain()
    assert stats.failed == 1
    after = rows(lotsen)
    assert after["frist:7:fore:x"].status == "failed"
    assert after["utkorg:olevererad:1:" + str(people["tl.sara"].id)].status == "sent"
    assert fake.posted_keys()["utkorg:olevererad:1:" + str(people["tl.sara"].id)] == 1


def test_a_claim_taken_over_is_not_sent(lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack) -> None:
    plan(lotsen, people["hl.lina"], 3)
    other = Dispatcher(lotsen.db, [sender(fake)], lease_seconds=60, worker_id="other")

    class Stalling:
        """The first send stalls past the lease; meanwhile another instance takes the rest over."""

        def __init__(self, traveller: Any) -> None:
            self.traveller, self.sent = traveller, 0

        def can_reach(self, person: Person) -> bool:
            return True

        def send(self, person: Person, message: Message) -> None:
            self.sent += 1
            if self.sent == 1:
                self.traveller.shift(timedelta(seconds=61))
                assert len(other.claim()) == 3  # the whole batch, this one included

    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        stalling = Stalling(traveller)
        stats = Dispatcher(lotsen.db, [stalling], lease_seconds=60, worker_id="slow").run_once()
        assert stalling.sent == 1 and stats.skipped == 2
        assert {r.claimed_by for r in rows(lotsen).values()} == {"other"}


def test_after_downtime_due_reminders_go_out_marked_late(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        lotsen.frister.register(people["hl.lina"], RegisterInput("SN 2026/0100", "forhandsbedomning",
                                                                 date(2026, 11, 20)), channel="t")
    # The "dag" reminder was due on the morning of Fri 4 Dec; the bot was down until Mon 7 Dec.
    with time_machine.travel("2026-12-07 08:30 +01:00", tick=False):
        stats = Dispatcher(lotsen.db, [sender(fake)]).drain()
    assert stats.sent >= 1 and stats.late >= 1
    posts = [c.params for c in fake.calls_to("chat.postMessage")]
    late = [p for p in posts if "Försenad" in p["text"]]
    assert late and "2026-12-04" in late[0]["text"]
    assert any("Försenad" in str(b) for b in late[0]["blocks"])


def test_app_home_shows_a_person_their_undelivered_reminders(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    lina = people["hl.lina"]
    with lotsen.db.session() as s:
        outbox.plan(s, key="frist:9:dag:x", kind="frist_dag", recipient_id=lina.id or 0,
                    message=Message(text="innehåll"), reference="F-9 SN 2026/0009")
    fake.fail_methods["chat.postMessage"] = "user_not_found"
    # The reminder fails, then the notice to the teamledare fails too; that tells nobody further.
    assert Dispatcher(lotsen.db, [sender(fake)]).drain().failed == 2
    home = "\n".join(s for m in lotsen.chat.home(lina) for s in m.sections)
    assert "Påminnelser som inte kom fram* (1)" in home and "F-9 SN 2026/0009" in home and "innehåll" not in home
    assert "inte kom fram" not in "\n".join(s for m in lotsen.chat.home(people["hl.erik"]) for s in m.sections)


def test_expired_claims_are_taken_before_the_backlog(lotsen: Lotsen, people: dict[str, Person]) -> None:
    moment = datetime.now(UTC)
    with lotsen.db.session() as s:
        outbox.plan(s, key="late", kind="test", recipient_id=people["hl.lina"].id or 0, message=Message(text="x"),
                    due_at=moment - timedelta(minutes=1))
    assert [r["key"] for r in Dispatcher(lotsen.db, [], lease_seconds=60, worker_id="dead").claim()] == ["late"]
    with lotsen.db.session() as s:  # an older backlog arrives meanwhile
        outbox.plan_all(s, [outbox.Delivery(f"old:{i}", "test", people["hl.lina"].id or 0, Message(text="x"),
                                            due_at=moment - timedelta(hours=1)) for i in range(3)])
    with time_machine.travel(moment + timedelta(seconds=61), tick=False):
        first = Dispatcher(lotsen.db, [], worker_id="next").claim(limit=1)
    assert [(r["key"], r["crashes"], r["attempts"]) for r in first] == [("late", 1, 0)]


def test_delivery_log_lines_name_row_kind_and_error(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    plan(lotsen, people["hl.lina"], 1)
    fake.chaos = Chaos(fail_rate=1.0, methods=("chat.postMessage",))
    with caplog.at_level("WARNING", logger="bot.reminders.dispatcher"):
        Dispatcher(lotsen.db, [sender(fake)]).drain()
    row = rows(lotsen)["t:0"]
    lines = [r.getMessage() for r in caplog.records]
    assert any(f"outbox row {row.id} (test) delivery failed" in line and "Slack 500 internal_error" in line
               for line in lines), lines


def test_a_recipient_without_leaders_is_reported_to_the_configured_admin(
    lotsen: Lotsen, people: dict[str, Person], fake: FakeSlack
) -> None:
    karin = people["vc.karin"]  # the verksamhetschef: nobody above her in the demo organisation
    with lotsen.db.session() as s:
        outbox.plan(s, key="frist:3:dag:x", kind="frist_dag", recipient_id=karin.id or 0,
                    message=Message(text="x"), reference="F-3 SN 2026/0003")
    fake.fail_methods["chat.postMessage"] = "account_inactive"
    Dispatcher(lotsen.db, [sender(fake)]).drain()
    assert not [r for r in rows(lotsen).values() if r.kind == "utkorg_olevererad"]
    with lotsen.db.session() as s:
        outbox.plan(s, key="frist:4:dag:x", kind="frist_dag", recipient_id=karin.id or 0,
                    message=Message(text="x"), reference="F-4 SN 2026/0004")
    Dispatcher(lotsen.db, [sender(fake)], admin="petra.kvalitet@demo.lotsen.se").drain()
    notices = [r for r in rows(lotsen).values() if r.kind == "utkorg_olevererad"]
    assert [n.recipient_id for n in notices] == [people["kv.petra"].id] and "F-4" in notices[0].payload["text"]
