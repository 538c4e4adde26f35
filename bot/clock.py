"""One source of "now", timezone-aware; tests freeze it with time-machine."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utcnow() -> datetime:
    return datetime.now(UTC)


def today_local() -> date:
    """Today's date in Europe/Stockholm: the calendar all deadlines are counted in."""
    return datetime.now(STOCKHOLM).date()


def to_local(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # values read back from SQLite lose tzinfo; they are stored as UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(STOCKHOLM)


def as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
