"""`lotsen run` as users start it: real process, loopback HTTP, fake Slack Web API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.devtools.fake_slack import FakeSlack
from storage.migrate import upgrade

LOTSEN = [sys.executable, "-m", "bot.cli.main"]


def env_for(db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_"))}
    env["LOTSEN_DATABASE_URL"] = db_url
    env.update(extra)
    return env


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


def run_briefly(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(LOTSEN + args, env=env, capture_output=True, text=True, timeout=60)


def test_socket_mode_without_tokens_names_the_missing_variables(sqlite_url: str) -> None:
    result = run_briefly(["run"], env_for(sqlite_url))
    assert result.returncode == 1
    assert "SLACK_BOT_TOKEN" in result.stderr and "SLACK_APP_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_http_mode_needs_the_signing_secret(sqlite_url: str) -> None:
    result = run_briefly(["run", "--http"], env_for(sqlite_url, SLACK_BOT_TOKEN="xoxb-1"))
    assert result.returncode == 1 and "SLACK_SIGNING_SECRET" in result.stderr
    assert "SLACK_APP_TOKEN" not in result.stderr


def test_a_token_slack_rejects_stops_start_up(sqlite_url: str, fake: FakeSlack) -> None:
    result = run_briefly(["run", "--http"], env_for(sqlite_url, SLACK_BOT_TOKEN="xoxb-invalid",
                                                    SLACK_SIGNING_SECRET="s", SLACK_API_URL=fake.url))
    assert result.returncode == 1
    assert "Slack avvisade SLACK_BOT_TOKEN (auth.test: invalid_auth)" in result.stderr
    assert [c.method for c in fake.calls] == ["auth.test"]


def test_an_unreachable_slack_is_named(sqlite_url: str) -> None:
    result = run_briefly(["run", "--http"], env_for(sqlite_url, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s",
                                                    SLACK_API_URL="http://127.0.0.1:9/api/"))
    assert result.returncode == 1 and "Kunde inte nå Slack på SLACK_API_URL" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_http_mode_serves_signed_slash_commands(tmp_path: Path, fake: FakeSlack) -> None:
    db_url = f"sqlite:///{tmp_path / 'run.db'}"
    upgrade(db_url)
    subprocess.run([*LOTSEN, "org", "import", "bot/demo/organisation.yml"], env=env_for(db_url), check=True,
                   capture_output=True, cwd=Path(__file__).resolve().parents[2])
    port = free_port()
    proc = subprocess.Popen(
        [*LOTSEN, "run", "--http", "--port", str(port), "--host", "127.0.0.1"],
        env=env_for(db_url, SLACK_BOT_TOKEN="xoxb-e2e", SLACK_SIGNING_SECRET="e2e-secret", SLACK_API_URL=fake.url),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("lotsen run did not start")
        body = urllib.parse.urlencode({"command": "/avvikelse", "text": "", "user_id": "U0DEMOME01",
                                       "trigger_id": "trig.1", "team_id": "T1", "channel_id": "C1",
                                       "response_url": fake.url + "response/1"})
        ts = str(int(time.time()))
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events", data=body.encode(), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts,
                     "X-Slack-Signature": SignatureVerifier("e2e-secret").generate_signature(timestamp=ts, body=body)},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        [opened] = fake.wait_for("views.open")
        assert opened.params["trigger_id"] == "trig.1" and opened.params["view"]["callback_id"] == "avvikelse_new"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_lotsen_dispatch_delivers_the_outbox_from_its_own_process(tmp_path: Path, fake: FakeSlack) -> None:
    from sqlmodel import select

    from bot.reminders import outbox
    from bot.ui.model import Message
    from storage.models import Person
    from tests.conftest import make_lotsen

    db_url = f"sqlite:///{tmp_path / 'dispatch.db'}"
    upgrade(db_url)
    lotsen = make_lotsen(db_url)
    with lotsen.db.session() as s:
        maria = s.exec(select(Person).where(Person.key == "ec.maria")).one()
        outbox.plan(s, key="e2e:1", kind="test", recipient_id=maria.id or 0, message=Message(text="Hej Maria"))
    lotsen.db.dispose()
    missing = run_briefly(["dispatch"], env_for(db_url))
    assert missing.returncode == 1 and "SLACK_BOT_TOKEN" in missing.stderr
    proc = subprocess.Popen([*LOTSEN, "dispatch"], env=env_for(db_url, SLACK_BOT_TOKEN="xoxb-d", SLACK_API_URL=fake.url,
                                                                  LOTSEN_DISPATCHER_TICK_SECONDS="0.2"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        [post] = fake.wait_for("chat.postMessage", timeout=20)
        assert post.params["channel"] == "U0DEMOEC01" and post.params["text"] == "Hej Maria"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_bot_started_after_the_morning_plans_the_morning_at_once(sqlite_url: str) -> None:
    """A restart at 10:00 must not cost the day's digests: the morning's planning runs at start."""
    import time as _time
    from datetime import date

    import time_machine
    from sqlmodel import select

    from bot.adapters.slack.runner import prepare
    from bot.config import SlackSettings
    from bot.frist.service import RegisterInput
    from storage.models import OutboxMessage, Person
    from tests.conftest import make_lotsen

    lotsen = make_lotsen(sqlite_url)
    fake = FakeSlack().start()
    try:
        with lotsen.db.session() as s:
            lina = s.exec(select(Person).where(Person.key == "hl.lina")).one()
        with time_machine.travel("2026-12-01 10:00 +01:00", tick=True):
            lotsen.frister.register(lina, RegisterInput("SN 2026/0001", "forhandsbedomning", date(2026, 11, 16)),
                                    channel="t")
            runtime = prepare(lotsen, SlackSettings(slack_bot_token="xoxb-m", slack_signing_secret="s",
                                                    slack_api_url=fake.url), http=True)
            try:
                deadline = _time.monotonic() + 10
                found = []
                while _time.monotonic() < deadline and not found:
                    with lotsen.db.session() as s:
                        found = [o for o in s.exec(select(OutboxMessage)) if o.kind == "frist_digest"]
                    _time.sleep(0.05)
                assert found, "the morning's digest was not planned at start"
            finally:
                runtime.stop()
    finally:
        fake.stop()
        lotsen.db.dispose()
