"""The morning's planning: routine review reminders, teamledare digests, escalation of ignored follow-ups.

`lotsen run` schedules it daily; the console runs it at start so the demo shows what a morning brings.
Planning is idempotent (unique outbox keys), so running it twice, or on several instances, is harmless.
"""

from __future__ import annotations

from datetime import date

from bot.app import Lotsen


def plan_morning(lotsen: Lotsen, today: date | None = None) -> int:
    from bot.reminders.digest import plan_digests
    from bot.reminders.routine_review import plan_review_reminders

    hour = lotsen.settings.working_hours_start
    return (plan_review_reminders(lotsen.db, lotsen.rutiner, today=today, hour=hour)
            + plan_digests(lotsen.db, today=today, hour=hour - 1)
            + lotsen.follow_ups.escalate_overdue(today))
