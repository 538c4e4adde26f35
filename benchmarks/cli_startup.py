"""Start-up cost of the `lotsen` command as a process, beside `python -c pass` (like hyperfine).

Run: `.venv/bin/python -m benchmarks.cli_startup [--runs 15]`. Each command runs `--runs` times
after two warm-up runs, alternating between commands so load on the machine hits them alike; it
prints wall time (min, median) and CPU time (user+sys of the child, median), which a busy machine
disturbs less. `rutiner sök` runs against a migrated SQLite database with the demo catalogue
indexed (`lotsen rutiner demo`, which also stores the built index). Targets (issue 15): `frist
beräkna` about 150 ms, `rutiner sök` about 300 ms.

The `lotsen` script takes the fast paths (bot/cli/frist_fast.py, bot/rutiner/fast_cli.py) when it
can; `python -m bot.cli.main` never does, so the ordinary path is measured beside it in the same run
(`--no-ordinary` skips it). Before the figures, each `lotsen` command is probed once: did it take its
fast path, and did it import Typer, pydantic or SQLAlchemy?
"""

from __future__ import annotations

import argparse
import json
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


FRIST = ["frist", "beräkna", "utredning", "2026-12-10"]
TYPES = ["frist", "typer", "--json"]
SEARCH = ["rutiner", "sök", "vem utreder en avvikelse"]
ORDINARY = [sys.executable, "-m", "bot.cli.main"]


def before_launcher(checkout: Path, workdir: Path) -> list[str]:
    """A `lotsen` script that runs another checkout's bot package (e.g. an export of main), with this
    environment's packages: its sys.path entry comes before the editable install of this one."""
    launcher = workdir / "before" / "lotsen"
    launcher.parent.mkdir()
    launcher.write_text(f"import sys\nsys.path.insert(0, {str(checkout.resolve())!r})\n"
                        "from bot.cli.main import main\nmain()\n", encoding="utf-8")
    return [sys.executable, str(launcher)]


def commands(lotsen: list[str], ordinary: bool, before: list[str] | None = None) -> dict[str, list[str]]:
    found = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "lotsen frist beräkna utredning 2026-12-10": [*lotsen, *FRIST],
        "lotsen frist typer --json": [*lotsen, *TYPES],
        "lotsen rutiner sök \"vem utreder en avvikelse\"": [*lotsen, *SEARCH],
    }
    if ordinary:
        found["  ordinary path: frist beräkna"] = [*ORDINARY, *FRIST]
        found["  ordinary path: rutiner sök"] = [*ORDINARY, *SEARCH]
    if before is not None:
        found["  before: lotsen frist beräkna"] = [*before, *FRIST]
        found["  before: lotsen rutiner sök"] = [*before, *SEARCH]
    return found


PROBE = """
import json, sys
sys.argv = sys.argv[1:]
path = "ordinary"
try:
    import bot.cli
except SystemExit:
    path = "fast"
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"typer", "pydantic", "pydantic_settings", "sqlalchemy"})
print(json.dumps([path, heavy]))
"""


def probe(args: list[str], env: dict[str, str]) -> str:
    """Which path `lotsen ARGS` takes, and what heavy packages it imported by then."""
    done = subprocess.run([sys.executable, "-c", PROBE, "lotsen", *args], env=env, capture_output=True,
                          text=True, check=False)
    path, heavy = json.loads(done.stdout.splitlines()[-1])
    return f"{path} path, imports {', '.join(heavy) or 'none of typer, pydantic, sqlalchemy'}"


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
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="also run the lotsen commands of another checkout (e.g. `git archive main`), interleaved")
    parser.add_argument("--no-ordinary", action="store_true", help="skip the ordinary path (python -m bot.cli.main)")
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
    before = before_launcher(args.before, workdir) if args.before else None
    cmds = commands(lotsen, ordinary=not args.no_ordinary and not args.module, before=before)
    if not args.module:
        for argv in (FRIST, TYPES, SEARCH):
            print(f"  lotsen {' '.join(argv[:2])}: {probe(argv, env)}")
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
