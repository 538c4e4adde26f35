"""Ack latency of Lotsen's Slack endpoint under 50 concurrent requests, beside a peer Bolt app; idle memory.

Run: `.venv/bin/python -m benchmarks.slack_ack` (add `--rounds N`, `--no-split`). Both servers run
as separate processes served the same way (waitress + Bolt's WSGI adapter) against the same local
fake Slack Web API; requests are correctly signed, as Slack sends them. The peer
(`benchmarks.peer_bolt`) acks a `/noop` command and a `noop` view doing nothing (the bare Bolt
floor; the `/noop` also as served by an app with process_before_response, as Lotsen's are), and
its `avvikelse_new` submission does the minimum the same job needs: validate the same fields and
insert one row in a transaction, on the same SQLite file as Lotsen. Targets (issue 15):
a submission's p99 within 1.5× the peer's and under 300 ms, a command's within 1.2× the no-op's;
idle RSS < 150 MB.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

from bot.devtools.fake_slack import FakeSlack
from bot.devtools.slack_client import Response, SignedSlackClient, select

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-secret"
CONCURRENCY = 50
FORM = {
    "event_date": "2026-11-20", "unit": select("MOTT"), "subject": select("organisatorisk"),
    "origin": select("intern"), "category": select("Dokumentation"),
    "what_happened": "Journalanteckning fördes in för sent.", "consequence": "Information saknades.",
    "immediate_action": "Anteckningen fördes in.", "case_reference": "SN 2026/0001",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(port: int, proc: subprocess.Popen[bytes], log: Path | None = None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = log.read_text(errors="replace")[-2000:] if log else ""
            raise SystemExit(f"server exited early: {said}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def burst(fn: Callable[[int], Response], n: int) -> list[float]:
    with ThreadPoolExecutor(max_workers=n) as pool:
        responses = list(pool.map(fn, range(n)))
    bad = [r for r in responses if r.status != 200]
    if bad:
        raise SystemExit(f"{len(bad)} requests failed, e.g. {bad[0].status} {bad[0].body[:200]}")
    return [r.elapsed * 1000 for r in responses]


def report(name: str, ms: list[float]) -> tuple[float, float, float]:
    p50, p95, p99 = percentile(ms, 50), percentile(ms, 95), percentile(ms, 99)
    print(f"  {name:<42} n={len(ms):<4} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   p99 {p99:7.1f} ms")
    return p50, p95, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=4, help="bursts of 50 per kind of request")
    parser.add_argument("--no-split", action="store_true", help="skip the run with a separate dispatcher")
    args = parser.parse_args()
    print("== Default: dispatcher inside `lotsen run` (one process does everything)")
    measure(args.rounds, split=False)
    if not args.no_split:
        print("\n== Split: `lotsen run` with LOTSEN_DISPATCHER_IN_PROCESS=false, plus a `lotsen dispatch` process")
        measure(args.rounds, split=True)


def measure(rounds: int, *, split: bool) -> None:

    fake = FakeSlack().start()
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-bench-"))
    db_url = f"sqlite:///{workdir / 'bench.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_"))}
    env |= {"LOTSEN_DATABASE_URL": db_url, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.url}
    lotsen_cli = [sys.executable, "-m", "bot.cli.main"]
    subprocess.run([*lotsen_cli, "org", "import", str(ROOT / "bot/demo/organisation.yml")], env=env,
                   check=True, capture_output=True)

    lotsen_port, bare_port = free_port(), free_port()
    extra: list[subprocess.Popen[bytes]] = []
    if split:
        env["LOTSEN_DISPATCHER_IN_PROCESS"] = "false"
        extra.append(subprocess.Popen([*lotsen_cli, "dispatch"], env={**env, "LOTSEN_DISPATCHER_TICK_SECONDS": "1"},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    # The servers' logs go to files: a pipe nobody reads fills up, and then a server waits to log.
    lotsen_log, peer_log = workdir / "lotsen.log", workdir / "peer.log"
    with lotsen_log.open("wb") as out:
        lotsen_proc = subprocess.Popen([*lotsen_cli, "run", "--http", "--host", "127.0.0.1", "--port",
                                        str(lotsen_port)], env=env, stdout=subprocess.DEVNULL, stderr=out)
    with peer_log.open("wb") as out:
        bare_proc = subprocess.Popen([sys.executable, "-m", "benchmarks.peer_bolt", str(bare_port), fake.url, SECRET,
                                      db_url], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out)
    try:
        wait_healthy(lotsen_port, lotsen_proc, lotsen_log)
        wait_healthy(bare_port, bare_proc, peer_log)
        time.sleep(2.0)  # let start-up settle before reading idle memory
        rss_idle = psutil.Process(lotsen_proc.pid).memory_info().rss / 2**20
        bare_rss = psutil.Process(bare_proc.pid).memory_info().rss / 2**20

        lotsen = SignedSlackClient(f"http://127.0.0.1:{lotsen_port}", SECRET, response_url_base=fake.url + "response/")
        bare = SignedSlackClient(f"http://127.0.0.1:{bare_port}", SECRET, response_url_base=fake.url + "response/")
        inline = SignedSlackClient(f"http://127.0.0.1:{bare_port}", SECRET, response_url_base=fake.url + "response/",
                                   path="/slack/inline")
        users = ["U0DEMOME01", "U0DEMOHL01", "U0DEMOHL02", "U0DEMOTL01"]

        # Warm up both (imports, connection pools) outside the measurement.
        burst(lambda i: lotsen.command(users[i % 4], "/avvikelse"), 10)
        burst(lambda i: bare.command(users[i % 4], "/noop"), 10)
        burst(lambda i: inline.command(users[i % 4], "/noop"), 10)

        lotsen_ps, bare_ps = psutil.Process(lotsen_proc.pid), psutil.Process(bare_proc.pid)
        cpu: dict[str, float] = {"lotsen_cmd": 0.0, "lotsen_sub": 0.0, "bare_cmd": 0.0, "bare_sub": 0.0,
                                 "peer_cmd": 0.0, "peer_sub": 0.0, "inline_cmd": 0.0}

        modal_ms: dict[str, list[float]] = {"peer_cmd": [], "lotsen_cmd": []}

        def measured(key: str, ps: psutil.Process, fn: Callable[[int], Response]) -> list[float]:
            before = sum(ps.cpu_times()[:2])
            opened = len(fake.calls_to("views.open"))
            started = time.perf_counter()
            ms = burst(fn, CONCURRENCY)
            if key in modal_ms:  # when did the burst's last modal reach Slack (the trigger_id lasts 3 s)?
                if len(fake.wait_for("views.open", opened + CONCURRENCY, timeout=10)) < opened + CONCURRENCY:
                    raise SystemExit(f"{key}: not every command opened its modal")
                modal_ms[key].append((time.perf_counter() - started) * 1000)
            time.sleep(0.3)  # let post-ack work (modals, DMs) finish inside the measurement
            cpu[key] += sum(ps.cpu_times()[:2]) - before
            return ms

        cmd_ms: list[float] = []
        sub_ms: list[float] = []
        bare_cmd_ms: list[float] = []
        bare_sub_ms: list[float] = []
        peer_sub_ms: list[float] = []
        peer_cmd_ms: list[float] = []
        inline_cmd_ms: list[float] = []
        for r in range(rounds):
            bare_cmd_ms += measured("bare_cmd", bare_ps, lambda i: bare.command(users[i % 4], "/noop"))
            inline_cmd_ms += measured("inline_cmd", bare_ps, lambda i: inline.command(users[i % 4], "/noop"))
            peer_cmd_ms += measured("peer_cmd", bare_ps, lambda i: bare.command(users[i % 4], "/avvikelse"))
            cmd_ms += measured("lotsen_cmd", lotsen_ps, lambda i: lotsen.command(users[i % 4], "/avvikelse"))
            bare_sub_ms += measured("bare_sub", bare_ps,
                                    lambda i, r=r: bare.submit_view(users[i % 4], "noop", FORM, view_id=f"VB{r}_{i}"))
            peer_sub_ms += measured("peer_sub", bare_ps, lambda i, r=r: bare.submit_view(
                users[i % 4], "avvikelse_new", FORM, view_id=f"VP{r}_{i}"))
            sub_ms += measured("lotsen_sub", lotsen_ps, lambda i, r=r: lotsen.submit_view(
                users[i % 4], "avvikelse_new", FORM, view_id=f"VL{r}_{i}"))
        rss_after = psutil.Process(lotsen_proc.pid).memory_info().rss / 2**20

        print(f"Slack ack latency, {CONCURRENCY} concurrent signed requests per burst, {rounds} bursts each")
        print(f"(machine: {os.cpu_count()} cores; servers: waitress 8 threads; database: SQLite)")
        _, _, bare_cmd_p99 = report("bare Bolt /noop command", bare_cmd_ms)
        _, _, inline_cmd_p99 = report("bare Bolt /noop, process_before_response", inline_cmd_ms)
        report("peer Bolt /avvikelse (opens a fixed modal)", peer_cmd_ms)
        _, _, cmd_p99 = report("Lotsen /avvikelse (opens modal)", cmd_ms)
        print("  last modal of a burst opened after (from the burst's first request; Slack allows 3 s): "
              + ", ".join(f"{k} {max(v):.0f} ms" for k, v in modal_ms.items()))
        report("bare Bolt view_submission (no-op)", bare_sub_ms)
        _, _, peer_sub_p99 = report("peer Bolt view_submission (1 insert)", peer_sub_ms)
        _, _, sub_p99 = report("Lotsen view_submission (stores report)", sub_ms)
        print(f"  p99 ratio: command Lotsen/no-op {cmd_p99 / bare_cmd_p99:.2f}× (target ≤ 1.2×; "
              f"{cmd_p99 / inline_cmd_p99:.2f}× the no-op served in the request's thread), "
              f"submission Lotsen/peer {sub_p99 / peer_sub_p99:.2f}× (target ≤ 1.5×, p99 < 300 ms)")
        n = CONCURRENCY * rounds
        print("  server CPU per request (user+sys, including work after the ack): "
              + ", ".join(f"{k} {v / n * 1000:.1f} ms" for k, v in cpu.items()))
        print(f"Memory: idle Lotsen bot RSS {rss_idle:.1f} MB (target < 150 MB); after load {rss_after:.1f} MB; "
              f"bare Bolt {bare_rss:.1f} MB")
        stored = subprocess.run([*lotsen_cli, "export", "avvikelser", "--format", "json"], env=env,
                                capture_output=True, text=True, check=True).stdout
        count = len(__import__("json").loads(stored))
        print(f"Reports stored: {count} (expected {CONCURRENCY * rounds})")
        waited = time.perf_counter()
        dms = len(fake.wait_for("chat.postMessage", 2 * count, timeout=30))
        print(f"DMs delivered: {dms} of {2 * count} (receipt + chef notice per report), the last "
              f"{time.perf_counter() - waited:.1f} s after the stored count was read")
    finally:
        for proc in (lotsen_proc, bare_proc, *extra):
            proc.terminate()
            proc.wait(timeout=10)
        fake.stop()


if __name__ == "__main__":
    main()
