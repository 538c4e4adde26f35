"""Plain-text rendering of neutral messages for the terminal."""

from __future__ import annotations

import re

from bot.ui.model import Message

_BOLD = re.compile(r"\*([^*\n]+)\*")
_CODE = re.compile(r"`([^`\n]+)`")


def _plain(text: str) -> str:
    """Slack's *bold* and `code` marks, which a terminal would show literally."""
    return _CODE.sub(r"\1", _BOLD.sub(r"\1", text))


def render_message(message: Message, *, number_buttons: bool = True, button_prefix: str = "") -> str:
    """The message as terminal text; buttons numbered `[1]` (or `[3.1]` with button_prefix "3.")."""
    lines: list[str] = []
    if message.header:
        lines += [f"== {message.header} =="]
    elif message.text not in message.sections:
        lines.append(_plain(message.text))  # no header: the text leads
    for section in message.sections:
        lines.append(_plain(section))
    width = max((len(label) for label, _ in message.facts), default=0)
    for label, value in message.facts:
        lines.append(f"  {label.ljust(width)}  {value}")
    if message.buttons and number_buttons:
        lines.append("  " + "   ".join(f"[{button_prefix}{i}] {b.label}"
                                       for i, b in enumerate(message.buttons, start=1)))
    for c in message.context:
        lines.append(f"  ({c})")
    return "\n".join(lines)
