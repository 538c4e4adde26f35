"""Plain-text rendering of neutral messages for the terminal.

Text is shown as typed, except that control characters (ANSI escapes, carriage returns, NUL …) and
invisible format characters (zero-width spaces, bidi overrides) are made visible as \\x1b or \\u200b,
so nothing stored can move the cursor, recolour the terminal or hide what it says.
"""

from __future__ import annotations

import re
import unicodedata

from bot.ui.model import Message

_BOLD = re.compile(r"\*([^*\n]+)\*")
_KEEP = frozenset("\n\t")


def visible(text: str) -> str:
    out = []
    for ch in text:
        if ch not in _KEEP and unicodedata.category(ch) in ("Cc", "Cf"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
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
    return visible("\n".join(lines))
