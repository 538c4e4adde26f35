"""`lotsen run --teams` as users start it: a real process on loopback, Microsoft played by a local fake."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ui.model import Message
from storage.migrate import upgrade
from tests.support.teams import (
    ANNA_AAD,
    APP_ID,
    APP_PASSWORD,
    TENANT_ID,
    FakeMicrosoft,
    button_data,
    dialog_card,
    dialog_open,
    message,
    post,
)

LOTSEN = [sys.executable, "-m", "bot.cli.main"]
ROOT = Path(__file__).resolve().parents[2]


def env_for(db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_", "TEAMS_"))}
    env.update(LOTSEN_DATABASE_URL=db_url, PYTHONPATH=str(ROOT), **extra)
    return env


def teams_env(db_url: str, fake: FakeMicrosoft, **extra: str) -> dict[str, str]:
    settings = {"TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": APP_PASSWORD, "TEAMS_TENANT_ID": TENANT_ID,
                "LOTSEN_TEAMS_OPENID_URL": fake.openid_url, "LOTSEN_TEAMS_TOKEN_URL": fake.token_url}
    return env_for(db_url, **{**settings, **extra})


@pytest.fixture
def fake() -> Iterator[FakeMicrosoft]:
    server = FakeMicrosoft().start()
    yield server
    server.stop()


def _anna_on_teams_with_outbox(tmp_path: Path, fake: FakeMicrosoft, messages: dict[str, Message]) -> str:
    """A database where Anna has opened Lotsen in Teams and these outbox rows (key → message) await her."""
    from sqlmodel import select

    from bot.adapters.teams.identity import ConversationRef, remember_conversation
    from bot.reminders import outbox
    from storage.models import Person
    from tests.adapters.teams.conftest import give_teams_ids
    from tests.conftest import make_lotsen

    db_url = f"sqlite:///{tmp_path / 'outbox.db'}"
    upgrade(db_url)
    lotsen = make_lotsen(db_url)
    give_teams_ids(lotsen)
    remember_conversation(lotsen.db, ConversationRef(ANNA_AAD, "a:1anna", fake.service_url, TENANT_ID, "28:bot"))
    with lotsen.db.session() as s:
        anna = s.exec(select(Person).where(Person.key == "me.anna")).one()
        outbox.plan_all(s, [outbox.Delivery(key, "test", anna.id or 0, m) for key, m in messages.items()])
    lotsen.db.dispose()
    return db_url


def test_missing_settings_are_named_in_swedish(sqlite_url: str, tmp_path: Path) -> None:
    result = subprocess.run([*LOTSEN, "run", "--teams"], env=env_for(sqlite_url), cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Saknas" in result.stderr
    for name in ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"):
        assert name in result.stderr


def test_a_password_microsoft_refuses_stops_start_up(sqlite_url: str, fake: FakeMicrosoft, tmp_path: Path) -> None:
    result = subprocess.run([*LOTSEN, "run", "--teams"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env=teams_env(sqlite_url, fake, TEAMS_APP_PASSWORD="wrong"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Microsoft gav ingen token" in result.stderr and "invalid_client" in result.stderr
    assert "wrong" not in result.stderr  # the secret is never printed


def test_an_unreachable_openid_document_is_named(sqlite_url: str, fake: FakeMicrosoft, tmp_path: Path) -> None:
    bad = "http://127.0.0.1:9/v1/.well-known/openidconfiguration"
    result = subprocess.run([*LOTSEN, "run", "--teams"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env=teams_env(sqlite_url, fake, LOTSEN_TEAMS_OPENID_URL=bad))
    assert result.returncode == 1 and "LOTSEN_TEAMS_OPENID_URL" in result.stderr and "Traceback" not in result.stderr


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_run_teams_serves_signed_activities_and_nothing_else(tmp_path: Path, fake: FakeMicrosoft) -> None:
    from tests.adapters.teams.conftest import give_teams_ids
    from tests.conftest import make_lotsen

    db_url = f"sqlite:///{tmp_path / 'teams.db'}"
    upgrade(db_url)
    lotsen = make_lotsen(db_url)
    give_teams_ids(lotsen)
    lotsen.db.dispose()
    # An .env where the process starts, and an ambient variable, both trying to switch JWT checks off.
    (tmp_path / ".env").write_text("DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS=true\nCLIENT_ID=from-dotenv\n")
    port = free_port()
    proc = subprocess.Popen([*LOTSEN, "run", "--teams", "--port", str(port), "--host", "127.0.0.1"], cwd=tmp_path,
                            env=teams_env(db_url, fake, DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS="1"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.1)
        else:
            raise AssertionError("lotsen run --teams did not start")
        assert post(base, message(fake, ANNA_AAD, "hjälp"), None).status == 401
        assert post(base, message(fake, ANNA_AAD, "avvikelse"), fake.sign()).status == 200
        [launcher] = fake.wait_for_sent(1)
        opened = post(base, dialog_open(fake, ANNA_AAD, button_data(launcher.cards()[0])), fake.sign())
        assert opened.status == 200 and dialog_card(opened)["body"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_lotsen_dispatch_teams_delivers_the_outbox_from_its_own_process(tmp_path: Path, fake: FakeMicrosoft) -> None:
    db_url = _anna_on_teams_with_outbox(tmp_path, fake, {"e2e:teams:1": Message(text="Hej Anna", header="Påminnelse")})
    missing = subprocess.run([*LOTSEN, "dispatch", "--teams"], env=env_for(db_url), cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "TEAMS_APP_ID" in missing.stderr and "Traceback" not in missing.stderr
    proc = subprocess.Popen([*LOTSEN, "dispatch", "--teams"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True,
                            env=teams_env(db_url, fake, LOTSEN_DISPATCHER_TICK_SECONDS="0.2"))
    try:
        [sent] = fake.wait_for_sent(1, timeout=40)
        assert sent.conversation_id == "a:1anna" and "Hej Anna" in sent.text()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("command", [
    ["dispatch", "--teams"],
    ["run", "--teams", "--host", "127.0.0.1", "--port"],  # the dispatcher inside the bot (a free port added)
], ids=["dispatch", "run"])
def test_sigterm_finishes_the_teams_batch_in_hand_and_marks_it(
    tmp_path: Path, fake: FakeMicrosoft, command: list[str]
) -> None:
    # Teams history cannot be asked whether a post landed, so a post cut off before its "sent" mark
    # would go out again: a deploy (SIGTERM) must let the batch in hand finish.
    from sqlalchemy import func
    from sqlmodel import col, select

    from storage.models import OutboxMessage
    from tests.conftest import make_lotsen

    db_url = _anna_on_teams_with_outbox(tmp_path, fake, {f"term:{i}": Message(text=f"nr {i}") for i in range(200)})
    fake.send_delay = 0.05
    if command[-1] == "--port":
        command = [*command, str(free_port())]
    proc = subprocess.Popen([*LOTSEN, *command], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, env=teams_env(db_url, fake, LOTSEN_DISPATCHER_TICK_SECONDS="0.2",
                                                     LOTSEN_OUTBOX_BATCH_SIZE="5"))
    try:
        fake.wait_for_sent(1, timeout=40)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    lotsen = make_lotsen(db_url)
    with lotsen.db.read() as s:
        by_status = dict(s.execute(select(OutboxMessage.status, func.count()).where(
            col(OutboxMessage.key).startswith("term:")).group_by(OutboxMessage.status)).all())
    lotsen.db.dispose()
    texts = [sent.text() for sent in fake.sent if "nr " in sent.text()]
    assert "sending" not in by_status, by_status  # every post made was marked sent
    assert by_status.get("sent") == len(texts) == len(set(texts))
    assert 0 < len(texts) < 200  # it stopped; it did not drain everything first
