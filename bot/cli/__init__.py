"""The `lotsen` command line (bot/cli/main.py).

`lotsen rutiner sök` run as a process takes a fast path first (bot/rutiner/fast_cli.py): it is tried here,
before bot.cli.main imports Typer, pydantic and the ORM, and only when the process is the `lotsen`
command itself; when it cannot serve the search it returns and the ordinary command runs.
"""

import sys
from pathlib import Path


def _fast_routine_search() -> None:
    argv = sys.argv
    if len(argv) > 2 and argv[1] == "rutiner" and Path(argv[0]).name == "lotsen":
        from bot.rutiner.fast_cli import run

        code = run(argv[2:])
        if code is not None:
            sys.stdout.flush()
            raise SystemExit(code)


_fast_routine_search()
