"""Deadlines at scale: import, morning planning and delivery, on SQLite and PostgreSQL.

Run: `.venv/bin/python -m benchmarks.reminders` (options: `--sizes 10000,100000`, `--backends
sqlite,postgres`, `--deliver 15000`, `--postgres URL`). Each (backend, size) runs in a fresh process so
its peak memory is its own. Per run it prints:

- import: `lotsen import ärenden` of N generated rows (200 handläggare in 20 teams, five kinds);
- plan: the morning planning (`plan_morning`: digests, review reminders, escalations);
- deliver: D due reminders delivered by one dispatcher to the local fake Slack (real HTTP, metadata),
  beside a peer: the same number of bare `chat.postMessage` calls with slack_sdk and no database;
- peak RSS of the process after each phase.

Targets (issue 9): importing 100,000 deadlines < 60 s on SQLite; delivering 15,000 due reminders < 60 s;
costs that grow linearly (the ×10 column compares 100,000 with 10,000).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("Förhandsbedömning", "Utredning", "Uppföljning", "Övervägande placering", "Ej verkställt beslut")
TEAMS = 20
PER_TEAM = 10
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_csv(path: Path, n: int, today: date) -> None:
    rng = random.Random(n)
    lines = ["Diarienummer;Frist;Startdatum;Handläggare;Status"]
    for i in range(n):
        start = today - timedelta(days=rng.randrange(0, 120))
        holder = f"hl.{rng.randrange(TEAMS)}.{rng.randrange(PER_TEAM)}"
        lines.append(f"SN {2000 + i // 100000}/{i % 100000:06d};{rng.choice(KINDS)};{start.isoformat()};{holder};"
                     "Pågående")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def seed_org(lotsen: object) -> None:
    from storage.models import Person, Unit

    db = lotsen.db  # type: ignore[attr-defined]
    with db.session() as session:
        units = [Unit(code=f"T{t}", name=f"Team {t}") for t in range(TEAMS)]
        session.add_all(units)
        session.flush()
        for t, unit in enumerate(units):
            session.add(Person(key=f"tl.{t}", name=f"Teamledare {t}", slack_user_id=f"U0TL{t:04d}",
                               unit_id=unit.id, roles=["teamledare"]))
            for h in range(PER_TEAM):
                session.add(Person(key=f"hl.{t}.{h}", name=f"Handläggare {t}.{h}", slack_user_id=f"U0HL{t:03d}{h:02d}",
                                   unit_id=unit.id, roles=["handläggare"]))


@contextlib.contextmanager
def database(backend: str, pg_url: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/bench.db"
        return
    from tests.support.databases import postgres_database

    with postgres_database(pg_url) as url:
        yield url


def one(backend: str, n: int, deliver: int, pg_url: str) -> dict[str, float]:
    """One measured run, in this process."""
    from slack_sdk import WebClient
    from sqlalchemy import select, update

    from bot.adapters.slack.sender import SlackSender
    from bot.app import build
    from bot.clock import today_local, utcnow
    from bot.config import Settings
    from bot.devtools.fake_slack import FakeSlack
    from bot.frist.importer import import_cases, load_mapping
    from bot.reminders.outbox import OUTBOX
    from bot.reminders.planner import plan_morning

    figures: dict[str, float] = {}
    with database(backend, pg_url) as url, tempfile.TemporaryDirectory() as tmp:
        lotsen = build(Settings(database_url=url))
        seed_org(lotsen)
        today = today_local()
        csv_path = Path(tmp) / "arenden.csv"
        write_csv(csv_path, n, today)
        started, cpu = time.perf_counter(), time.process_time()
        report = import_cases(lotsen.frister, csv_path, load_mapping(None))
        figures["import_s"] = time.perf_counter() - started
        figures["import_cpu_s"] = time.process_time() - cpu
        figures["created"] = report.count("skapad")
        figures["import_peak_mb"] = peak_mb()

        from bot.deadlines.calendar import next_working_day

        started = time.perf_counter()  # the next working morning (no digests on a weekend)
        figures["planned"] = plan_morning(lotsen, next_working_day(today))
        figures["plan_s"] = time.perf_counter() - started
        figures["plan_peak_mb"] = peak_mb()

        with lotsen.db.session() as session:  # the D earliest reminders fall due now
            ids = [r[0] for r in session.execute(select(OUTBOX.c.id).where(OUTBOX.c.status == "pending")
                                                 .order_by(OUTBOX.c.due_at).limit(deliver))]
            for chunk in range(0, len(ids), 5000):
                session.execute(update(OUTBOX).where(OUTBOX.c.id.in_(ids[chunk:chunk + 5000]))
                                .values(due_at=utcnow() - timedelta(seconds=1)))
        fake = FakeSlack(record_calls=False).start()
        client = WebClient(token="xoxb-bench", base_url=fake.url)
        dispatcher = lotsen.dispatcher([SlackSender(client)])
        started, cpu = time.perf_counter(), time.process_time()
        stats = dispatcher.drain()
        figures["deliver_s"] = time.perf_counter() - started
        figures["deliver_cpu_s"] = time.process_time() - cpu  # the fake Slack's threads included
        figures["delivered"] = stats.sent
        figures["deliver_peak_mb"] = peak_mb()
        started = time.perf_counter()
        peer = WebClient(token="xoxb-bench", base_url=fake.url, retry_handlers=[])
        for i in range(len(ids)):
            peer.chat_postMessage(channel="U0PEER", text=f"peer {i}")
        figures["peer_s"] = time.perf_counter() - started
        fake.stop()
        lotsen.db.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--deliver", type=int, default=15000)
    parser.add_argument("--postgres", default=DEFAULT_PG)
    parser.add_argument("--one", nargs=2, metavar=("BACKEND", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), args.deliver, args.postgres)))
        return
    results: dict[tuple[str, int], dict[str, float]] = {}
    for backend in args.backends.split(","):
        if backend == "postgres" and not _postgres_answers(args.postgres):
            print(f"postgres: no server at {args.postgres}; skipped")
            continue
        for n in (int(s) for s in args.sizes.split(",")):
            out = subprocess.run([sys.executable, "-m", "benchmarks.reminders", "--one", backend, str(n),
                                  "--deliver", str(args.deliver), "--postgres", args.postgres],
                                 cwd=ROOT, capture_output=True, text=True)
            if out.returncode != 0:
                print(f"{backend} {n}: failed\n{out.stderr[-2000:]}")
                continue
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            results[(backend, n)] = figures
            print(f"{backend:8} {n:>7,} deadlines | import {figures['import_s']:6.1f} s "
                  f"(CPU {figures['import_cpu_s']:.1f} s) "
                  f"({figures['created']:,.0f} created, peak {figures['import_peak_mb']:.0f} MB) | "
                  f"plan {figures['plan_s']:5.2f} s ({figures['planned']:.0f} rows) | "
                  f"deliver {figures['delivered']:,.0f} in {figures['deliver_s']:5.1f} s "
                  f"(CPU {figures['deliver_cpu_s']:.1f} s) "
                  f"({figures['delivered'] / max(figures['deliver_s'], 1e-9):,.0f}/s; peer bare posts "
                  f"{figures['peer_s']:5.1f} s) | peak {figures['deliver_peak_mb']:.0f} MB", flush=True)
    sizes = sorted({n for _, n in results})
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for backend in args.backends.split(","):
            if (backend, small) in results and (backend, large) in results:
                a, b = results[(backend, small)], results[(backend, large)]
                print(f"{backend:8} growth ×{large // small}: import ×{b['import_s'] / a['import_s']:.1f}, "
                      f"plan ×{b['plan_s'] / max(a['plan_s'], 1e-9):.1f}")


def _postgres_answers(url: str) -> bool:
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=2).close()
        return True
    except Exception:
        return False


if __name__ == "__main__":
    main()
