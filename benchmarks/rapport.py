"""A year's report over 10,000 avvikelser and 100,000 case deadlines, per output format (target < 5 s on SQLite).

Run: `.venv/bin/python -m benchmarks.rapport` (add `--avvikelser N --frister M`, or `--database-url URL`
for PostgreSQL). Generates the history with `lotsen demo fyll`'s code into a fresh SQLite database,
then times loading and building the report and each renderer (wall clock, and this process's CPU time,
which a busy machine disturbs less). Beside it, as a peer: the same rows fetched with one plain SQL
query each and counted with a GROUP BY, the floor any report has to pay. The first format also pays
for importing matplotlib (about a second).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from bot.app import build
from bot.clock import today_local
from bot.config import Settings
from bot.demo.history import fill
from bot.statistik import periods
from bot.statistik.render import FORMATS, render
from bot.statistik.service import StatistikService

TARGET_SECONDS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--avvikelser", type=int, default=10_000)
    parser.add_argument("--frister", type=int, default=100_000)
    parser.add_argument("--lexsarah", type=int, default=300)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'rapport.db'}"
        lotsen = build(Settings(database_url=url))
        today = today_local()
        start = today - timedelta(days=364)
        began = time.perf_counter()
        filled = fill(lotsen, avvikelser=args.avvikelser, frister=args.frister, lexsarah=args.lexsarah, start=start)
        print(f"demo fyll: {filled.summary()} ({time.perf_counter() - began:.1f} s)")
        period = periods.span(start, today)
        service = StatistikService(lotsen.db, lotsen.settings)

        began = time.perf_counter()
        with lotsen.db.read() as session:
            for table in ("avvikelse", "case_deadline", "lex_sarah_report"):
                session.execute(text(f"SELECT * FROM {table}")).all()
            session.execute(text("SELECT unit_id, kind, status, count(*) FROM case_deadline "
                                 "GROUP BY unit_id, kind, status")).all()
        peer = time.perf_counter() - began
        print(f"peer: plain SELECT * of the three tables + one GROUP BY  {peer:6.2f} s")

        began = time.perf_counter()
        report = service.report(period)
        built = time.perf_counter() - began
        print(f"load + compute, a year ({period.label}), all units  {built:6.2f} s")
        worst = 0.0
        for fmt in FORMATS:
            began, cpu = time.perf_counter(), time.process_time()
            data = render(service.report(period), fmt)
            total, cpu = time.perf_counter() - began, time.process_time() - cpu
            worst = max(worst, total)
            print(f"  {fmt:5s} report, end to end (load, compute, render)  {total:6.2f} s  "
                  f"(CPU {cpu:5.2f} s, {len(data) // 1024} kB)")
        del report
        verdict = "inom" if worst < TARGET_SECONDS else "ÖVER"
        print(f"slowest format {worst:.2f} s: {verdict} målet {TARGET_SECONDS:.0f} s "
              f"({worst / peer:.1f}× the plain-SQL peer)")
        lotsen.db.dispose()


if __name__ == "__main__":
    main()
