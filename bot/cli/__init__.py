"""The `lotsen` command line (bot/cli/main.py).

`lotsen rutiner sök` and `lotsen frist beräkna`/`typer` run as a process take a fast path first
(bot/rutiner/fast_cli.py, bot/cli/frist_fast.py): it is tried here, before bot.cli.main imports Typer,
pydantic and the ORM, and only when the process is the `lotsen` command itself (`python -m bot.cli.main`
always takes the ordinary path); when it cannot answer it returns None and the ordinary command runs.
"""

import sys
from pathlib import Path


def _fast_path() -> None:
    argv = sys.argv
    if len(argv) > 2 and argv[1] in ("rutiner", "frist") and Path(argv[0]).name == "lotsen":
        if argv[1] == "rutiner":
            from bot.rutiner.fast_cli import run
        else:
            from bot.cli.frist_fast import run
        code = run(argv[2:])
        if code is not None:
            sys.stdout.flush()
            raise SystemExit(code)


_fast_path()
