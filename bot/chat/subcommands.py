"""What every `/command <sub> …` shares: an unknown sub-command shows the help, `hjälp` shows it,
`lista` shows the person's overview. Features handle the rest."""

from __future__ import annotations

from collections.abc import Callable

from bot.ui.model import Message, Reply
from bot.ui.texts import UNKNOWN_COMMAND


def common_reply(sub: str | None, help_text: str, overview: Callable[[], Message]) -> Reply | None:
    if sub is None:
        return Reply(message=Message(text=f"{UNKNOWN_COMMAND}\n\n{help_text}"))
    if sub == "help":
        return Reply(message=Message(text=help_text))
    if sub == "list":
        return Reply(message=overview())
    return None
