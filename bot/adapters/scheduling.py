"""The jobs every front end's `lotsen run` and `lotsen dispatch` schedule (the outbox tick, the daily
planning) and how a dispatcher process stops; no platform library is imported here, so the Teams
runner can use it without loading Slack's."""

from __future__ import annotations

import signal
from datetime import datetime, time

from apscheduler.schedulers.base import BaseScheduler

from bot.app import Lotsen
from bot.clock import STOCKHOLM
from bot.reminders.dispatcher import Dispatcher

__all__ = ["MORNING", "add_daily_jobs", "add_drain", "drain_until_sigterm"]

MORNING = time(6, 45)


def add_daily_jobs(scheduler: BaseScheduler, lotsen: Lotsen) -> None:
    """Daily planning (review reminders, digests, escalations) at 06:45 Stockholm time (never
    02:00-03:00, where DST shifts). Planning writes outbox rows with unique keys, so several instances
    running it, or running it again, plan each delivery once. A bot started after 06:45 plans the
    morning at once: a restart must not cost the day's digests."""
    from bot.reminders.planner import plan_morning

    # One cron job, whose first run is now when started after the morning: a separate run-once job
    # would be removed by the scheduler after it ran, which races with shutdown (JobLookupError).
    now = datetime.now(STOCKHOLM)
    first_run = {"next_run_time": now} if now.time() >= MORNING else {}
    scheduler.add_job(plan_morning, "cron", hour=MORNING.hour, minute=MORNING.minute, args=[lotsen],
                      coalesce=True, misfire_grace_time=3600, id="plan_morning", **first_run)


def add_drain(scheduler: BaseScheduler, dispatcher: Dispatcher, seconds: float) -> Dispatcher:
    # APScheduler is only the tick; the outbox table is the truth, so a missed tick loses nothing.
    scheduler.add_job(dispatcher.drain, "interval", seconds=seconds, max_instances=1, coalesce=True,
                      misfire_grace_time=None)
    return dispatcher


def drain_until_sigterm(scheduler: BaseScheduler, dispatcher: Dispatcher) -> None:
    """Run a blocking scheduler (`lotsen dispatch`) until SIGTERM, which finishes the batch in hand (its
    "sent" mark included) and takes no new one. The job's thread is joined at interpreter exit, while
    any event loop the sends run on (Teams) is still alive."""

    def stop(signum: int, frame: object) -> None:
        dispatcher.stopping = True
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    scheduler.start()
