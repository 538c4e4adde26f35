"""The outbox: planned once, delivered once, across several dispatchers, crashes and failures."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import time_machine
from sqlmodel import select

from bot.app import Lotsen
from bot.reminders import outbox
from bot.reminders.dispatcher import Dispatcher
from bot.ui.model import Message
from storage.models import OutboxMessage, Person


class RecordingSender:
    def __init__(self, fail_times: int = 0) -> None:
        self.sent: list[tuple[str, str]] = []
        self.fail_times = fail_times
        self.lock = threading.Lock()

    def can_reach(self, person: Person) -> bool:
        return True

    def send(self, person: Person, message: Message) -> None:
        with self.lock:
            if self.fail_times > 0:
                self.fail_times -= 1
                raise ConnectionError("slack unreachable")
            self.sent.append((person.key, message.text))


def plan(lotsen: Lotsen, people: dict[str, Person], n: int, due: datetime | None = None) -> None:
    with lotsen.db.session() as s:
        for i in range(n):
            outbox.plan(s, key=f"test:{i}", kind="test", recipient_id=people["ec.maria"].id or 0,
                        message=Message(text=f"påminnelse {i}"), due_at=due)


def statuses(lotsen: Lotsen) -> Counter[str]:
    with lotsen.db.session() as s:
        return Counter(o.status for o in s.exec(select(OutboxMessage)))


def test_planning_the_same_key_twice_keeps_one_row(lotsen: Lotsen, people: dict[str, Person]) -> None:
    plan(lotsen, people, 3)
    plan(lotsen, people, 3)
    assert statuses(lotsen) == Counter({"pending": 3})


def test_several_dispatchers_deliver_each_message_exactly_once(lotsen: Lotsen, people: dict[str, Person]) -> None:
    plan(lotsen, people, 60)
    sender = RecordingSender()
    dispatchers = [Dispatcher(lotsen.db, [sender], worker_id=f"w{i}") for i in range(4)]

    def drain(d: Dispatcher) -> None:
        while d.run_once(limit=5).claimed:
            pass

    threads = [threading.Thread(target=drain, args=(d,)) for d in dispatchers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    texts = [text for _, text in sender.sent]
    assert sorted(texts) == sorted(f"påminnelse {i}" for i in range(60))
    assert statuses(lotsen) == Counter({"sent": 60})


def test_drain_delivers_every_batch_in_one_tick(lotsen: Lotsen, people: dict[str, Person]) -> None:
    plan(lotsen, people, 23)
    sender = RecordingSender()
    stats = Dispatcher(lotsen.db, [sender]).drain(limit=5)
    assert (stats.claimed, stats.sent) == (23, 23) and len(sender.sent) == 23


def test_not_due_yet_is_not_sent(lotsen: Lotsen, people: dict[str, Person]) -> None:
    plan(lotsen, people, 2, due=datetime.now(UTC) + timedelta(hours=1))
    sender = RecordingSender()
    assert Dispatcher(lotsen.db, [sender]).run_once().claimed == 0
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=2), tick=False):
        assert Dispatcher(lotsen.db, [sender]).run_once().sent == 2


def test_a_crashed_dispatchers_claim_is_taken_over_after_the_lease(lotsen: Lotsen, people: dict[str, Person]) -> None:
    plan(lotsen, people, 5)
    crashed = Dispatcher(lotsen.db, [RecordingSender()], lease_seconds=60, worker_id="crashed")
    assert len(crashed.claim()) == 5  # claimed, then the process died before sending
    sender = RecordingSender()
    survivor = Dispatcher(lotsen.db, [sender], worker_id="survivor")
    assert survivor.run_once().claimed == 0  # still leased
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=61), tick=False):
        assert survivor.run_once().sent == 5
    assert len(sender.sent) == 5 and statuses(lotsen) == Counter({"sent": 5})
    # The crashed one coming back cannot mark what it no longer holds.
    crashed._finish(1, status="pending")
    assert statuses(lotsen) == Counter({"sent": 5})


def test_failures_are_retried_with_backoff_and_finally_marked_failed(
    lotsen: Lotsen, people: dict[str, Person]
) -> None:
    plan(lotsen, people, 1)
    sender = RecordingSender(fail_times=1)
    d = Dispatcher(lotsen.db, [sender], max_attempts=3)
    stats = d.run_once()
    assert (stats.retried, stats.sent) == (1, 0)
    assert d.run_once().claimed == 0  # backing off
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=5), tick=False):
        assert d.run_once().sent == 1
    assert sender.sent == [("ec.maria", "påminnelse 0")]

    plan(lotsen, people, 2)  # test:1 is new; test:0 is already sent and stays so
    always_failing = RecordingSender(fail_times=10**6)
    d = Dispatcher(lotsen.db, [always_failing], max_attempts=2)
    d.run_once()
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=2), tick=False):
        d.run_once()
    with lotsen.db.session() as s:
        row = s.exec(select(OutboxMessage).where(OutboxMessage.key == "test:1")).one()
    assert row.status == "failed" and row.attempts == 2 and "ConnectionError" in (row.last_error or "")


class PlatformSender(RecordingSender):
    """A sender that speaks one chat platform and reaches the people who have an id there."""

    def __init__(self, platform: str) -> None:
        super().__init__()
        self.platform = platform

    def can_reach(self, person: Person) -> bool:
        return bool(person.teams_user_id if self.platform == "teams" else person.slack_user_id)


def test_a_row_for_another_platform_is_handed_back_unattempted_to_the_dispatcher_that_speaks_it(
        lotsen: Lotsen, people: dict[str, Person]) -> None:
    with lotsen.db.session() as s:  # Maria uses Teams only
        maria = s.get(Person, people["ec.maria"].id)
        assert maria is not None
        maria.slack_user_id, maria.teams_user_id = None, "00000000-0000-0000-0000-00000000abcd"
        s.add(maria)
    plan(lotsen, people, 1)
    slack_only = Dispatcher(lotsen.db, [PlatformSender("slack")], worker_id="slack")
    assert slack_only.run_once().handed_back == 1
    with lotsen.db.session() as s:
        [row] = s.exec(select(OutboxMessage))
        assert (row.status, row.attempts, row.last_error) == ("pending", 0, None)  # not failed, nobody told
    teams = PlatformSender("teams")
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=1)):
        Dispatcher(lotsen.db, [teams], worker_id="teams").run_once()
    assert teams.sent == [("ec.maria", "påminnelse 0")]
    assert statuses(lotsen) == Counter({"sent": 1})
