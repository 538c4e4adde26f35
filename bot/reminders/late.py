"""After downtime, a reminder that fell due is still sent, and says plainly that it is late.

Policy (docs/operations.md): nothing planned is dropped because the bot was down; a delivery made on a
later day (Stockholm) than planned is marked "Försenad" with the date it should have come.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.reminders import texts as t
from bot.ui.model import Message, iso_and_swedish


def mark_late(message: Message, due: date) -> Message:
    note = t.LATE_NOTE.format(due=iso_and_swedish(due))
    header = t.LATE_HEADER.format(header=message.header) if message.header else None
    return replace(message, text=f"{note} {message.text}", header=header, context=(note, *message.context))
