"""Chaos: three `lotsen dispatch` processes on one PostgreSQL database, killed with SIGKILL while they
deliver, against a fake Slack that fails, slows and rate limits a share of calls. Afterwards every key
is counted where it arrived: none lost, none twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel import select as sm_select

from bot.devtools.fake_slack import Chaos, FakeSlack
from bot.reminders import outbox
from bot.ui.model import Message
from storage.models import OutboxMessage, Person
from tests.conftest import make_lotsen
from tests.e2e.test_run import free_port
from tests.support import databases

pytestmark = [pytest.mark.slow]

LOTSEN = [sys.executable, "-m", "bot.cli.main"]
ROWS = 300
PROCESSES = 3


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack(record_calls=False).start()
    yield server
    server.stop()


def _env(db_url: str, fake: FakeSlack) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_"))}
    env.update({
        "LOTSEN_DATABASE_URL": db_url, "SLACK_BOT_TOKEN": "xoxb-chaos", "SLACK_API_URL": fake.url,
        "LOTSEN_OUTBOX_LEASE_SECONDS": "4", "LOTSEN_DISPATCHER_TICK_SECONDS": "0.2",
        "LOTSEN_OUTBOX_BACKOFF_SECONDS": "0.5", "LOTSEN_OUTBOX_MAX_ATTEMPTS": "100",
        "LOTSEN_OUTBOX_BATCH_SIZE": "5", "LOTSEN_OUTBOX_MAX_CRASHES": "20",  # set-aside has its own test
    })
    return env


@pytest.mark.postgres
def test_sigkilled_dispatchers_on_a_flaky_slack_deliver_every_key_once(
    postgres_url: str | None, fake: FakeSlack
) -> None:
    if postgres_url is None:
        pytest.skip("PostgreSQL not configured (set LOTSEN_TEST_POSTGRES_URL)")
    databases.truncate_all(postgres_url)
    lotsen = make_lotsen(postgres_url)
    with lotsen.db.session() as session:
        people = list(session.exec(sm_select(Person).where(col(Person.slack_user_id).is_not(None))))
        outbox.plan_all(session, [
            outbox.Delivery(f"chaos:{i}", "test", people[i % len(people)].id or 0, Message(text=f"nr {i}"))
            for i in range(ROWS)])
    keys = {f"chaos:{i}" for i in range(ROWS)}
    fake.chaos = Chaos(fail_rate=0.08, slow_rate=0.08, slow_seconds=0.25, rate_limit_rate=0.02, retry_after=1,
                       seed=9)
    env = _env(postgres_url, fake)
    rng = random.Random(9)

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen([*LOTSEN, "dispatch"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def outstanding() -> int:
        with lotsen.db.read() as session:
            return int(session.execute(select(func.count()).select_from(OutboxMessage).where(
                col(OutboxMessage.status) != "sent")).scalar_one())

    def delivering() -> set[int]:
        with lotsen.db.read() as session:
            workers = session.execute(select(OutboxMessage.claimed_by).where(
                col(OutboxMessage.status) == "sending").distinct()).scalars()
            return {int(w.split(":")[1]) for w in workers if w}

    procs = [start() for _ in range(PROCESSES)]
    kills = 0
    started = time.monotonic()
    try:
        # Once deliveries flow, now and then kill a dispatcher that holds claims right now (its worker id
        # names its pid) and start a fresh one; the other two keep delivering meanwhile.
        while kills < 4 and time.monotonic() - started < 40 and sum(fake.posted_keys().values()) < ROWS * 0.8:
            time.sleep(rng.uniform(0.1, 0.3))
            holding = delivering()
            victims = [i for i, proc in enumerate(procs) if proc.pid in holding]
            if not victims or not sum(fake.posted_keys().values()):
                continue
            victim = rng.choice(victims)
            procs[victim].send_signal(signal.SIGKILL)
            procs[victim].wait()
            procs[victim] = start()
            kills += 1
            time.sleep(rng.uniform(0.8, 1.5))
        deadline = time.monotonic() + 30
        while outstanding() and time.monotonic() < deadline:
            time.sleep(0.3)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        lotsen.db.dispose()
    counted = fake.posted_keys()
    assert kills >= 2, "the dispatchers were hardly disturbed; the test proves little"
    assert set(counted) == keys, f"lost: {sorted(keys - set(counted))[:10]}"
    twice = {k: n for k, n in counted.items() if n != 1}
    assert twice == {}, f"delivered more than once: {twice}"
    assert outstanding() == 0
    with lotsen.db.read() as session:
        reclaimed = session.execute(select(func.count()).select_from(OutboxMessage).where(
            col(OutboxMessage.crashes) > 0)).scalar_one()
    assert reclaimed > 0, "no claim died mid-delivery; the kills missed the window under test"


@pytest.mark.parametrize("command", [
    ["dispatch"],
    ["run", "--http", "--host", "127.0.0.1", "--port"],  # the dispatcher inside the bot (a free port added)
], ids=["dispatch", "run"])
def test_sigterm_finishes_the_batch_in_hand_and_marks_it(
    sqlite_url: str, fake: FakeSlack, command: list[str]
) -> None:
    lotsen = make_lotsen(sqlite_url)
    with lotsen.db.session() as session:
        people = list(session.exec(sm_select(Person).where(col(Person.slack_user_id).is_not(None))))
        outbox.plan_all(session, [
            outbox.Delivery(f"term:{i}", "test", people[i % len(people)].id or 0, Message(text=f"nr {i}"))
            for i in range(400)])
    fake.chaos = Chaos(slow_rate=1.0, slow_seconds=0.05, methods=("chat.postMessage",))
    env = {**_env(sqlite_url, fake), "SLACK_SIGNING_SECRET": "term-secret"}
    if command[-1] == "--port":
        command = [*command, str(free_port())]
    proc = subprocess.Popen([*LOTSEN, *command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not fake.posted_keys() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert fake.posted_keys(), "the dispatcher never started delivering"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with lotsen.db.read() as session:
        by_status = dict(session.execute(select(OutboxMessage.status, func.count()).group_by(
            OutboxMessage.status)).all())
    lotsen.db.dispose()
    posted = fake.posted_keys()
    assert "sending" not in by_status, by_status  # nothing left claimed: every post was marked
    assert by_status.get("sent") == len(posted) and set(posted.values()) == {1}
    assert 0 < len(posted) < 400  # it stopped, it did not drain everything first
