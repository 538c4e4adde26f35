"""Idle memory of `lotsen run --teams` beside Slack's `lotsen run --http`, and the latency of signed Teams
requests (50 concurrent dialog opens of the avvikelse form) beside the same burst of signed `/avvikelse`
Slack commands. Both processes run against local fakes (Microsoft, Slack) on loopback.

    .venv/bin/python -m benchmarks.teams_idle [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

from benchmarks.slack_ack import free_port, percentile, wait_healthy
from bot.devtools.fake_slack import FakeSlack
from bot.devtools.slack_client import SignedSlackClient
from storage.migrate import upgrade
from tests.support import teams as ms

LOTSEN = [sys.executable, "-m", "bot.cli.main"]


def _env(db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_", "TEAMS_"))}
    env.update(LOTSEN_DATABASE_URL=db_url, **extra)
    return env


def _burst(fn: object, n: int) -> list[float]:
    def timed(i: int) -> float:
        start = time.perf_counter()
        fn(i)  # type: ignore[operator]
        return (time.perf_counter() - start) * 1000

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(timed, range(n)))


def _line(name: str, ms_: list[float]) -> None:
    print(f"  {name:38s} n={len(ms_):<4d} p50 {percentile(ms_, 50):7.1f} ms   p95 {percentile(ms_, 95):7.1f} ms"
          f"   p99 {percentile(ms_, 99):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    rounds = parser.parse_args().rounds
    from tests.adapters.teams.conftest import give_teams_ids
    from tests.conftest import make_lotsen

    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(db_url)
        lotsen = make_lotsen(db_url)
        give_teams_ids(lotsen)
        lotsen.db.dispose()
        microsoft, slack = ms.FakeMicrosoft().start(), FakeSlack().start()
        teams_port, slack_port = free_port(), free_port()
        teams_proc = subprocess.Popen(
            [*LOTSEN, "run", "--teams", "--port", str(teams_port)], cwd=tmp, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_env(db_url, TEAMS_APP_ID=ms.APP_ID, TEAMS_APP_PASSWORD=ms.APP_PASSWORD, TEAMS_TENANT_ID=ms.TENANT_ID,
                     LOTSEN_TEAMS_OPENID_URL=microsoft.openid_url, LOTSEN_TEAMS_TOKEN_URL=microsoft.token_url))
        slack_proc = subprocess.Popen(
            [*LOTSEN, "run", "--http", "--host", "127.0.0.1", "--port", str(slack_port)], cwd=tmp,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=_env(db_url, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench", SLACK_API_URL=slack.url))
        try:
            wait_healthy(teams_port, teams_proc)  # type: ignore[arg-type]
            wait_healthy(slack_port, slack_proc)  # type: ignore[arg-type]
            time.sleep(2)  # settle: first ticks, imports done
            teams_idle = psutil.Process(teams_proc.pid).memory_info().rss / 2**20
            slack_idle = psutil.Process(slack_proc.pid).memory_info().rss / 2**20
            base = f"http://127.0.0.1:{teams_port}"
            token = microsoft.sign()
            signed = SignedSlackClient(base=f"http://127.0.0.1:{slack_port}", secret="bench",
                                       response_url_base=f"{slack.url}response/")
            data = {"lotsen_command": "avvikelse", "lotsen_text": ""}
            teams_ms: list[float] = []
            slack_ms: list[float] = []
            for _ in range(rounds):
                teams_ms += _burst(lambda i: ms.post(base, ms.dialog_open(microsoft, ms.ANNA_AAD, data), token), 50)
                slack_ms += _burst(lambda i: signed.command("U0DEMOME01", "/avvikelse"), 50)
            print("== Signed requests, bursts of 50 concurrent (2 processes on one machine)")
            _line("Teams task/fetch (avvikelse form)", teams_ms)
            _line("Slack /avvikelse (opens modal)", slack_ms)
            print(f"Memory: idle `lotsen run --teams` RSS {teams_idle:.1f} MB; idle `lotsen run --http` (Slack) "
                  f"RSS {slack_idle:.1f} MB; after load Teams "
                  f"{psutil.Process(teams_proc.pid).memory_info().rss / 2**20:.1f} MB")
        finally:
            for proc in (teams_proc, slack_proc):
                proc.terminate()
                proc.wait(timeout=10)
            microsoft.stop()
            slack.stop()


if __name__ == "__main__":
    main()
