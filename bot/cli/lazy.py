"""A Typer group whose sub-apps are imported only when their command runs.

`lotsen frist beräkna` needs neither the database nor the routine search; mounting every sub-app
up front imported them all on every call. `LAZY_SUB_APPS` names each sub-app's module; `--help`
still lists them all (listing imports them).
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

LAZY_SUB_APPS = {"frist": "bot.cli.frist", "rutiner": "bot.cli.rutiner", "teams": "bot.cli.teams"}


class LazyGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(name for name in LAZY_SUB_APPS if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in LAZY_SUB_APPS:
            module_name = LAZY_SUB_APPS[cmd_name]
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:  # a feature not installed in this build
                if exc.name != module_name:
                    raise
                return None
            command = typer.main.get_group(module.app)  # a group even when the sub-app has one command
            command.name = cmd_name
            self.commands[cmd_name] = command
        return super().get_command(ctx, cmd_name)
