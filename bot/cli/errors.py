"""Run the `lotsen` command with Swedish messages for command-line mistakes.

Typer (Click) answers a missing argument or an unknown option with English usage text. Here the
command runs in Click's non-standalone mode, and each usage error is said again in Swedish, naming
what is missing or wrong, with the usage line and where to find help. Exit code 2, as Click uses.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import typer

try:  # Typer ≥ 0.2x carries its own copy of Click; older versions use Click itself
    from typer._click import core as click_core
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - depends on the installed Typer
    from click import core as click_core  # type: ignore[no-redef]
    from click import exceptions as click_errors  # type: ignore[no-redef]

EXIT_USAGE = 2

MISSING_ARGUMENT = "Det saknas {what}: {names}."
MISSING_OPTION = "Det saknas ett värde för {name}."
NO_SUCH_OPTION = "Okänt val: {name}."
DID_YOU_MEAN = "Menade du {options}?"
NO_SUCH_COMMAND = "Okänt kommando: {name}."
EXTRA_ARGUMENTS = "För många argument: {args}."
NEEDS_VALUE = "{name} behöver ett värde."
BAD_VALUE = "Ogiltigt värde för {name}: {problem}"
GENERIC = "Kommandot kunde inte köras: {message}"
USAGE = "Så här: {usage}"
MORE_HELP = "Skriv {command} --help för hjälp."
ABORTED = "Avbrutet."

_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"'(.*)' is not a valid integer"), "'{0}' är inte ett heltal."),
    (re.compile(r"'(.*)' is not a valid float"), "'{0}' är inte ett tal."),
    (re.compile(r"'(.*)' is not a valid boolean"), "'{0}' är varken ja eller nej (true/false)."),
    (re.compile(r"'(.*)' is not one of (.*)\."), "'{0}' är inte ett av {1}."),
    (re.compile(r"'(.*)' is not in the range (.*)\."), "'{0}' ligger utanför {1}."),
    (re.compile(r"(?:File|Path|Directory) '(.*)' does not exist"), "'{0}' finns inte."),
    (re.compile(r"valid integer"), "värdet ska vara ett heltal."),
    (re.compile(r"valid number|valid float"), "värdet ska vara ett tal."),
    (re.compile(r"valid boolean"), "värdet ska vara true eller false."),
)


def _problem(message: str) -> str:
    for pattern, swedish in _PROBLEMS:
        match = pattern.search(message)
        if match:
            return swedish.format(*match.groups())
    return message


def _is_argument(param: click_core.Parameter | None) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _arguments(command: click_core.Command) -> list[click_core.Parameter]:
    return [p for p in command.params if _is_argument(p)]


def _name(param: click_core.Parameter) -> str:
    if _is_argument(param):
        return str(getattr(param, "metavar", None) or param.name or "").upper()
    opts = getattr(param, "opts", None) or [f"--{param.name}"]
    return str(opts[0])


def _usage(ctx: click_core.Context) -> str:
    parts = [ctx.command_path]
    if hasattr(ctx.command, "commands"):
        parts.append("KOMMANDO")
    parts += [_name(a) for a in _arguments(ctx.command)]
    if any(not _is_argument(p) and p.name != "help" for p in ctx.command.params):
        parts.append("[VAL]")
    return " ".join(parts)


def _describe_param(param: click_core.Parameter) -> str:
    name = _name(param)
    help_text = getattr(param, "help", None)
    return f"{name} ({help_text.rstrip('.')})" if help_text else name


def _missing(exc: click_errors.MissingParameter) -> str:
    param, ctx = exc.param, exc.ctx
    if param is not None and _is_argument(param) and ctx is not None:
        arguments = _arguments(ctx.command)
        start = arguments.index(param) if param in arguments else 0
        missing = [a for a in arguments[start:] if a.required and a.name not in ctx.params]
        what = "ett argument" if len(missing) == 1 else f"{len(missing)} argument"
        return MISSING_ARGUMENT.format(what=what, names=", ".join(_describe_param(a) for a in missing))
    if param is not None:
        return MISSING_OPTION.format(name=_describe_param(param))
    return GENERIC.format(message=exc.format_message())


def swedish_message(exc: click_errors.ClickException) -> str:
    """The Swedish text for a Click usage error (without the usage and help lines)."""
    if isinstance(exc, click_errors.MissingParameter):
        return _missing(exc)
    if isinstance(exc, click_errors.NoSuchOption):
        text = NO_SUCH_OPTION.format(name=exc.option_name)
        if exc.possibilities:
            text += " " + DID_YOU_MEAN.format(options=" eller ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, click_errors.BadOptionUsage) and "requires an argument" in exc.message:
        return NEEDS_VALUE.format(name=exc.option_name)
    if isinstance(exc, click_errors.BadParameter):
        name = _name(exc.param) if exc.param is not None else str(exc.param_hint or "värdet")
        return BAD_VALUE.format(name=name, problem=_problem(exc.message))
    message = exc.format_message()
    match = re.match(r"No such command '(.+)'", message)
    if match:
        return NO_SUCH_COMMAND.format(name=match.group(1))
    match = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", message)
    if match:
        return EXTRA_ARGUMENTS.format(args=match.group(1))
    return GENERIC.format(message=_problem(message))


def _show_usage_error(exc: click_errors.UsageError) -> None:
    ctx = exc.ctx
    lines = [swedish_message(exc)]
    if ctx is not None:
        lines.append(USAGE.format(usage=_usage(ctx)))
        lines.append(MORE_HELP.format(command=ctx.command_path))
    typer.echo("\n".join(lines), err=True)


def run(app: typer.Typer, args: Sequence[str] | None = None, prog_name: str = "lotsen") -> int:
    """Run the command line; returns the exit code."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=list(args) if args is not None else sys.argv[1:], prog_name=prog_name,
                              standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:  # `lotsen frist`: show the help, as Click would
        typer.echo(exc.format_message() if not exc.ctx else exc.ctx.get_help())
        return EXIT_USAGE
    except click_errors.UsageError as exc:
        _show_usage_error(exc)
        return EXIT_USAGE
    except click_errors.ClickException as exc:
        typer.echo(GENERIC.format(message=_problem(exc.format_message())), err=True)
        return exc.exit_code
    except typer.Abort:
        typer.echo(ABORTED, err=True)
        return 1
    return result if isinstance(result, int) else 0
