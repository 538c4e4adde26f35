"""When to remind about a case deadline: pure rules, then outbox rows.

Reminders count against the statutory date, not the date 1930:173 moves it to (legal.md's product
rule): three working days before, on the morning of the day (the working day before, if the day
itself is not one), and the first working morning after the last legal day if it is still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.deadlines.calendar import add_working_days, next_working_day, previous_working_day


@dataclass(frozen=True)
class ReminderSlot:
    stage: str  # "fore", "dag", "forsenad"
    day: date


def reminder_slots(statutory: date, due: date, today: date, *, days_before: int = 3) -> list[ReminderSlot]:
    """The reminders still ahead (today or later) for a deadline."""
    slots = [
        ReminderSlot("fore", add_working_days(statutory, -days_before)),
        ReminderSlot("dag", previous_working_day(statutory)),
        ReminderSlot("forsenad", next_working_day(due + timedelta(days=1))),
    ]
    seen: set[date] = set()
    out: list[ReminderSlot] = []
    for slot in slots:
        if slot.day >= today and slot.day not in seen:
            seen.add(slot.day)
            out.append(slot)
    return out


def at_morning(day: date, hour: int) -> datetime:
    from bot.reminders.outbox import morning_of

    return morning_of(day, hour)
