"""Start-up cost of the `lotsen` command as a process, beside `python -c pass` (like hyperfine).

Run: `.venv/bin/python -m benchmarks.cli_startup [--runs 15]`. Each command runs `--runs` times
after two warm-up runs, alternating between commands so load on the machine hits them alike; it
prints wall time (min, median) and CPU time (user+sys of the child, median), which a busy machine
disturbs less. `rutiner sök` runs against a migrated SQLite database with the demo catalogue
indexed. Targets (issue 15): `frist beräkna` about 150 ms, `rutiner sök` about 300 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOTSEN = str(Path(sys.executable).with_name("lotsen"))


def commands(lotsen: list[str]) -> dict[str, list[str]]:
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "lotsen frist beräkna utredning 2026-12-10": [*lotsen, "frist", "beräkna", "utredning", "2026-12-10"],
        "lotsen rutiner sök \"vem utreder en avvikelse\"": [*lotsen, "rutiner", "sök", "vem utreder en avvikelse"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--module", action="store_true",
                        help="run `python -m bot.cli.main` from the current directory instead of the lotsen script "
                             "(to measure another checkout with the same environment)")
    args = parser.parse_args()
    lotsen = [sys.executable, "-m", "bot.cli.main"] if args.module else [LOTSEN]
    workdir = Path(tempfile.mkdtemp(prefix="lotsen-cli-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_"))}
    env["LOTSEN_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    subprocess.run([*lotsen, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([*lotsen, "rutiner", "demo"], env=env, check=True, capture_output=True)
    cmds = commands(lotsen)
    walls: dict[str, list[float]] = {name: [] for name in cmds}
    cpus: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(2):
        for argv in cmds.values():
            run_once(argv, env)
    for _ in range(args.runs):
        for name, argv in cmds.items():
            wall, cpu = run_once(argv, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    print(f"CLI start-up as a process, {args.runs} runs each (alternating), {os.cpu_count()} cores")
    for name in cmds:
        print(f"  {name:<46} wall min {min(walls[name]):6.0f} ms  median {statistics.median(walls[name]):6.0f} ms"
              f"   cpu median {statistics.median(cpus[name]):6.0f} ms")


if __name__ == "__main__":
    main()
