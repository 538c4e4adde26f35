"""`lotsen frist beräkna` and `lotsen frist typer` without Typer, pydantic or pydantic-settings.

A deadline is a few microseconds of arithmetic; as a process, the ordinary command spent nearly all of
its time importing Typer, pydantic (Typer builds a validator for every parameter; the rules are
pydantic models) and pydantic-settings (every command checks every setting first). bot/cli/__init__.py
runs this before any of them is imported. It prints exactly what the ordinary command would, with
the same exit code, for the inputs it takes: the command with its arguments and `--json`, `--steg`,
`--regler FIL`, a rule file that bot/deadlines/plain.py reads unchanged, and an environment whose
settings it can check itself. For anything else it returns None and the ordinary command runs: help,
an option it does not know, a rule file with a problem to explain, a `.env` file or a setting it
cannot check (bot/fast_settings.py; so a wrong one is still refused by the ordinary path, with its
Swedish message).
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path

CALCULATE = {"beräkna", "berakna"}
TYPES = "typer"
FLAGS = {"--json", "--steg"}
RULES_OPTION = "--regler"


def parse(argv: list[str]) -> tuple[str, list[str], set[str], str | None] | None:
    """(command, arguments, flags, --regler) from `beräkna TYP DATUM [val]` or `typer [val]`, else None."""
    if not argv or (argv[0] not in CALCULATE and argv[0] != TYPES):
        return None
    command, rest = argv[0], argv[1:]
    positional: list[str] = []
    flags: set[str] = set()
    rules: str | None = None
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg in FLAGS:
            flags.add(arg)
        elif arg == RULES_OPTION or arg.startswith(RULES_OPTION + "="):
            value = rest[i + 1] if arg == RULES_OPTION and i + 1 < len(rest) else arg.partition("=")[2]
            if rules is not None or (arg == RULES_OPTION and i + 1 >= len(rest)) or value.startswith("-"):
                return None
            rules = value
            i += 1 if arg == RULES_OPTION else 0
        elif arg.startswith("-"):
            return None  # --help, a typo, `--`, a negative number: the ordinary path explains
        else:
            positional.append(arg)
        i += 1
    wanted = 2 if command in CALCULATE else 0
    if len(positional) != wanted or (command == TYPES and "--steg" in flags):
        return None
    return command, positional, flags, rules


def _printable(argv: list[str]) -> bool:
    """Click strips ANSI codes from what it prints to a pipe and replaces a stream whose encoding is
    ASCII; such cases go to the ordinary path rather than imitating that here."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or codecs.lookup(encoding).name != "utf-8":
            return False
    try:
        "".join(argv).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x1b" not in "".join(argv)


def _answer(command: str, positional: list[str], flags: set[str], rules_path: Path) -> tuple[int, str] | None:
    """(exit code, text): on stdout with 0, on stderr with 2; None to hand over."""
    from bot.cli.frist_text import result_text, start_date, types_lines
    from bot.deadlines.plain import read_plain

    if command == TYPES:
        rules = read_plain(rules_path)
        return None if rules is None else (0, "\n".join(types_lines(rules, "--json" in flags)))
    typ, raw_date = positional

    def today() -> date:
        from bot.clock import today_local

        return today_local()

    start = start_date(raw_date, today)
    if isinstance(start, str):
        return 2, start  # the date is checked before the rules are read, as in bot/cli/frist.py
    rules = read_plain(rules_path)
    if rules is None:
        return None
    from bot.deadlines.calculator import InvalidStart, compute_rule
    from bot.deadlines.kinds import UnknownKind, find, names

    try:
        result = compute_rule(find(names(rules), typ, [r.key for r in rules]), start)
    except (UnknownKind, InvalidStart) as exc:
        return 2, exc.message
    return 0, result_text(result, "--json" in flags, "--steg" in flags)


def run(argv: list[str], environ: Mapping[str, str] | None = None) -> int | None:
    """The exit code when the command was answered here; None to hand over to the ordinary command."""
    parsed = parse(argv)
    if parsed is None or not _printable(argv):
        return None
    from bot.fast_settings import checked_settings

    settings = checked_settings(os.environ if environ is None else environ)
    if settings is None:
        return None
    command, positional, flags, rules = parsed
    from bot.deadlines.kinds import DEFAULT_RULES_FILE

    configured = settings.get("lotsen_deadline_rules") or DEFAULT_RULES_FILE  # as rules.default_rules()
    rules_path = Path(rules if rules is not None else configured)
    try:
        answer = _answer(command, positional, flags, rules_path)
    except Exception:  # a case not foreseen here: nothing is printed yet, so the ordinary path answers
        return None
    if answer is None or "\x1b" in answer[1]:
        return None
    code, text = answer
    stream = sys.stdout if code == 0 else sys.stderr
    stream.write(text + "\n")
    stream.flush()
    return code
