"""Every domain's scheduled morning work, registered in one list the planner loops over.

A new kind of reminder adds a `MorningJob` here; neither the planner nor the domains import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Lotsen


@dataclass(frozen=True)
class MorningJob:
    name: str
    plan: Callable[[Lotsen, date | None], int]  # returns how many outbox rows it planned


def _routine_reviews(lotsen: Lotsen, today: date | None) -> int:
    from bot.reminders.routine_review import plan_review_reminders

    return plan_review_reminders(lotsen.db, lotsen.rutiner, today=today, hour=lotsen.settings.working_hours_start)


def _teamledare_digests(lotsen: Lotsen, today: date | None) -> int:
    from bot.reminders.digest import plan_digests

    # An hour before working hours start, so the digest is waiting when the day begins.
    return plan_digests(lotsen.db, today=today, hour=lotsen.settings.working_hours_start - 1)


def _follow_up_escalation(lotsen: Lotsen, today: date | None) -> int:
    return lotsen.follow_ups.escalate_overdue(today)


def _lex_sarah_handlingsplan(lotsen: Lotsen, today: date | None) -> int:
    from bot.reminders.handlingsplan import HandlingsplanService

    plan = HandlingsplanService(lotsen.db, lotsen.settings)
    return plan.plan_due_reminders() + plan.escalate_overdue(today)


MORNING_JOBS: list[MorningJob] = [
    MorningJob("rutiner: revisionspåminnelser", _routine_reviews),
    MorningJob("frister: ärendegenomgång för teamledare", _teamledare_digests),
    MorningJob("avvikelser: eskalering av uppföljningar", _follow_up_escalation),
    MorningJob("lex Sarah: påminnelser och eskalering i handlingsplaner", _lex_sarah_handlingsplan),
]
