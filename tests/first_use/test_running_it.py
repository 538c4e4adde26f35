"""Issue 14, "Running it": settings, usage errors, ports, logs, which database, the scheduler, the fake Slack."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine

from bot.devtools.fake_slack import FakeSlack

LOTSEN = [sys.executable, "-m", "bot.cli.main"]
ROOT = Path(__file__).resolve().parents[2]


def env_for(db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_"))}
    env["LOTSEN_DATABASE_URL"] = db_url
    env.update(extra)
    return env


def lotsen(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(LOTSEN + args, env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


# --- settings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("env", "named", "takes"), [
    ({"LOTSEN_WORKING_HOURS_START": "25"}, "LOTSEN_WORKING_HOURS_START='25'", "mellan 0 och 23"),
    ({"LOTSEN_WORKING_HOURS_START": "abc"}, "LOTSEN_WORKING_HOURS_START='abc'", "mellan 0 och 23"),
    ({"LOTSEN_WORKING_HOURS_START": "18", "LOTSEN_WORKING_HOURS_END": "8"},
     "LOTSEN_WORKING_HOURS_START (18) måste vara tidigare än LOTSEN_WORKING_HOURS_END (8)", "t.ex. 8 och 17"),
    ({"LOTSEN_AVVIKELSE_CATEGORIES": "Dokumentation,Samverkan"}, "LOTSEN_AVVIKELSE_CATEGORIES", "JSON-lista"),
    ({"LOTSEN_OUTBOX_MAX_ATTEMPTS": "0"}, "LOTSEN_OUTBOX_MAX_ATTEMPTS='0'", "minst 1"),
    ({"LOTSEN_DISPATCHER_IN_PROCESS": "kanske"}, "LOTSEN_DISPATCHER_IN_PROCESS='kanske'", "true eller false"),
    ({"LOTSEN_LOG_LEVEL": "loud"}, "LOTSEN_LOG_LEVEL='loud'", "DEBUG, INFO, WARNING eller ERROR"),
    ({"LOTSEN_DEADLINE_RULES": "/nowhere/rules.yml"}, "LOTSEN_DEADLINE_RULES", "befintlig YAML-fil"),
    ({"SLACK_API_URL": "slack.example"}, "SLACK_API_URL='slack.example'", "http:// eller https://"),
])
def test_a_wrong_setting_is_named_in_swedish_at_start(
    tmp_path: Path, env: dict[str, str], named: str, takes: str
) -> None:
    result = lotsen(["frist", "typer"], env_for(f"sqlite:///{tmp_path / 'x.db'}", **env))
    assert result.returncode == 2
    assert "Lotsen kan inte starta: en inställning är fel." in result.stderr
    assert named in result.stderr and takes in result.stderr
    assert "Traceback" not in result.stderr and "validation error" not in result.stderr


def test_a_wrong_database_url_is_named_without_its_password(tmp_path: Path) -> None:
    env = env_for("mysql://lotsen:hemligt@db/lotsen")
    result = lotsen(["frist", "typer"], env)
    assert result.returncode == 2
    assert "LOTSEN_DATABASE_URL='mysql://lotsen:***@db/lotsen'" in result.stderr
    assert "hemligt" not in result.stderr


def test_valid_settings_pass(tmp_path: Path) -> None:
    result = lotsen(["frist", "typer"], env_for(f"sqlite:///{tmp_path / 'x.db'}", LOTSEN_WORKING_HOURS_START="7",
                                                LOTSEN_WORKING_HOURS_END="18", LOTSEN_LOG_LEVEL="debug"))
    assert result.returncode == 0, result.stderr


# --- usage errors -----------------------------------------------------------------------------------


def test_a_missing_argument_is_named_in_swedish(tmp_path: Path) -> None:
    result = lotsen(["frist", "beräkna", "utredning"], env_for(f"sqlite:///{tmp_path / 'x.db'}"))
    assert result.returncode == 2
    assert "Det saknas ett argument: STARTDATUM" in result.stderr
    assert "Så här: lotsen frist beräkna TYP STARTDATUM" in result.stderr
    assert "Usage" not in result.stderr and "Missing" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["frist", "beräkna"], "Det saknas 2 argument: TYP"),
    (["frist", "beräkna", "utredning", "2026-12-10", "--foo"], "Okänt val: --foo."),
    (["frist", "beräkna", "a", "b", "c"], "För många argument: c."),
    (["export", "avvikelser", "--format", "xml"], "Ogiltigt värde för --format: 'xml' är inte ett av"),
    (["export", "statistik", "--from"], "--from behöver ett värde."),
    (["flyga"], "Okänt kommando: flyga."),
])
def test_other_usage_errors_are_swedish(tmp_path: Path, args: list[str], expected: str) -> None:
    result = lotsen(args, env_for(f"sqlite:///{tmp_path / 'x.db'}"))
    assert result.returncode == 2
    assert expected in result.stderr, result.stderr
    assert "Usage" not in result.stderr and "Error" not in result.stderr


# --- port in use ------------------------------------------------------------------------------------


def test_a_port_in_use_is_named(tmp_path: Path, fake: FakeSlack) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = lotsen(["run", "--http", "--host", "127.0.0.1", "--port", str(port)],
                        env_for(f"sqlite:///{tmp_path / 'x.db'}", SLACK_BOT_TOKEN="xoxb-p",
                                SLACK_SIGNING_SECRET="s", SLACK_API_URL=fake.url))
    assert result.returncode == 1
    assert f"Porten {port} används redan" in result.stderr
    assert "Lotsen lyssnar" not in result.stderr and "Traceback" not in result.stderr


# --- logs -------------------------------------------------------------------------------------------

NOISE = """
import logging
from bot.cli.logs import setup_logging
setup_logging(LEVEL)
logging.getLogger("apscheduler.executors.default").info("Running job tick")
logging.getLogger("slack_bolt.App").warning("As you gave `client` as well, `token` will be unused.")
logging.getLogger("bot.adapters.slack.runner").info("slack auth ok")
"""


@pytest.mark.parametrize(("level", "chatter"), [("INFO", False), ("DEBUG", True)])
def test_library_chatter_is_quiet_unless_asked_for(level: str, chatter: bool) -> None:
    result = subprocess.run([sys.executable, "-c", NOISE.replace("LEVEL", repr(level))], capture_output=True,
                            text=True, timeout=60, cwd=ROOT)
    assert "slack auth ok" in result.stderr
    assert ("Running job tick" in result.stderr) is chatter
    assert ("As you gave `client`" in result.stderr) is chatter


QUEUE = """
import logging
from bot.cli.logs import setup_logging
setup_logging(LEVEL)
queue = logging.getLogger("waitress.queue")
for depth in (3, 41, 7):
    queue.warning("Task queue depth is %d", depth)
"""


@pytest.mark.parametrize(("level", "lines"), [("INFO", 1), ("DEBUG", 3)])
def test_waitress_queue_warnings_are_one_line_a_minute_unless_asked_for(level: str, lines: int) -> None:
    # Waitress warns for every request that waits for a thread: a burst of fifty wrote fifty lines.
    result = subprocess.run([sys.executable, "-c", QUEUE.replace("LEVEL", repr(level))], capture_output=True,
                            text=True, timeout=60, cwd=ROOT)
    assert result.stderr.count("Task queue depth is") == lines, result.stderr


def test_the_throttled_queue_warning_reports_the_deepest_queue_since_the_last(
        caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from bot.cli import logs

    now = [1000.0]
    queue = logging.getLogger("lotsen.test.queue")
    queue.addFilter(logs._OncePerInterval(seconds=60, clock=lambda: now[0]))
    with caplog.at_level(logging.WARNING, logger="lotsen.test.queue"):
        for depth in (3, 41, 7):
            queue.warning("Task queue depth is %d", depth)
        now[0] += 61
        queue.warning("Task queue depth is %d", 2)
    assert [r.getMessage() for r in caplog.records] == ["Task queue depth is 3", "Task queue depth is 41"]


def test_the_log_level_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "LOTSEN_LOG_LEVEL" in readme


# --- which database ---------------------------------------------------------------------------------


def test_a_command_says_which_database_it_created_and_that_it_is_empty(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "lotsen.db"
    env = env_for(f"sqlite:///{db}")
    # A command that only reads names a database that is not there, and creates nothing.
    missing = lotsen(["export", "avvikelser"], env)
    assert missing.returncode == 2 and f"Databasen sqlite:///{db} finns inte" in missing.stderr
    assert not db.exists() and missing.stdout == ""
    # A command that writes creates it, and says so.
    created = lotsen(["rutiner", "indexera", str(tmp_path)], env)
    assert f"Lotsen skapade en ny, tom databas: sqlite:///{db}" in created.stderr
    empty = lotsen(["export", "avvikelser"], env)
    assert empty.returncode == 0 and empty.stdout.startswith("nummer,")  # the CSV itself stays clean
    assert f"Databasen sqlite:///{db} har ingen organisation inläst" in empty.stderr
    assert f"Inga avvikelser i databasen sqlite:///{db}" in empty.stderr


def test_a_database_with_data_is_not_announced(tmp_path: Path) -> None:
    env = env_for(f"sqlite:///{tmp_path / 'x.db'}")
    assert lotsen(["org", "import", "bot/demo/organisation.yml"], env).returncode == 0
    result = lotsen(["export", "statistik"], env)
    assert result.returncode == 0 and "Databasen" not in result.stderr


def test_the_readme_says_where_the_cli_finds_its_database() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Vilken databas" in readme and "~/.local/share/lotsen/lotsen.db" in readme


# --- scheduler shutdown -----------------------------------------------------------------------------


def test_stopping_right_after_a_late_start_leaves_no_thread_error(sqlite_url: str, fake: FakeSlack) -> None:
    """Started after 06:45, the morning's planning runs at once; stopping at that moment used to make
    APScheduler remove a finished one-off job from a stopped scheduler (JobLookupError in its thread)."""
    from apscheduler.triggers.date import DateTrigger

    from bot.adapters.slack.runner import prepare
    from bot.config import SlackSettings
    from tests.conftest import make_lotsen

    app = make_lotsen(sqlite_url)
    errors: list[BaseException | None] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: errors.append(args.exc_value)
    try:
        with time_machine.travel("2026-12-01 10:00 +01:00", tick=True):
            for _ in range(5):
                runtime = prepare(app, SlackSettings(slack_bot_token="xoxb-m", slack_signing_secret="s",
                                                     slack_api_url=fake.url), http=True)
                assert not [j for j in runtime.scheduler.get_jobs() if isinstance(j.trigger, DateTrigger)]
                runtime.stop()
                runtime.stop()  # twice is harmless
    finally:
        threading.excepthook = previous
        app.db.dispose()
    assert errors == []


# --- the fake Slack ---------------------------------------------------------------------------------


def test_the_fake_slack_logs_its_calls() -> None:
    from slack_sdk import WebClient

    log = io.StringIO()
    server = FakeSlack(log=log).start()
    try:
        WebClient(token="xoxb-x", base_url=server.url).chat_postMessage(channel="U0DEMOEC01", text="Hej")
    finally:
        server.stop()
    assert "#1 chat.postMessage channel='U0DEMOEC01' text='Hej'" in log.getvalue()
    assert "xoxb-x" not in log.getvalue()


def test_the_standalone_fake_slack_prints_each_call() -> None:
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "bot.devtools.fake_slack", "0"], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        url = first.split(" on ")[1].split()[0]
        request = urllib.request.Request(url + "auth.test", data=b"", headers={"Authorization": "Bearer xoxb-1"})
        with urllib.request.urlopen(request, timeout=10):
            pass
        assert "#1 auth.test" in proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
