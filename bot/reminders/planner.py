"""The morning's planning: every registered morning job, in order.

`lotsen run` schedules it daily; the console runs it at start so the demo shows what a morning brings.
Planning is idempotent (unique outbox keys), so running it twice, or on several instances, is harmless.
The planner knows no domain: each domain's scheduled work is registered in `bot.reminders.schedule`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.reminders.schedule import MORNING_JOBS

if TYPE_CHECKING:
    from bot.app import Lotsen


def plan_morning(lotsen: Lotsen, today: date | None = None) -> int:
    return sum(job.plan(lotsen, today) for job in MORNING_JOBS)
