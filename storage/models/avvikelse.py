"""Avvikelser, their measures (åtgärder) and follow-ups (uppföljningar)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import timestamp_field as _ts


class AvvikelseStatus(StrEnum):
    MOTTAGEN = "mottagen"  # filed, waiting for the investigating chef
    UNDER_UTREDNING = "under_utredning"
    AVSLUTAD = "avslutad"


class Avvikelse(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True, max_length=20)
    year: int
    seq: int
    submission_key: str = Field(unique=True, max_length=200)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()
    reported_by_id: int = Field(foreign_key="person.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    investigator_id: int = Field(foreign_key="person.id", index=True)
    event_date: date
    subject: str = Field(max_length=30)  # personärende / organisatorisk
    origin: str = Field(max_length=30)  # intern / extern_utgaende / extern_inkommande
    category: str = Field(max_length=100)
    what_happened: str = Field(sa_column=Column(Text, nullable=False))
    consequence: str = Field(sa_column=Column(Text, nullable=False))
    immediate_action: str = Field(sa_column=Column(Text, nullable=False))
    case_reference: str | None = Field(default=None, max_length=60)
    due_date: date
    status: str = Field(default=AvvikelseStatus.MOTTAGEN.value, index=True, max_length=20)
    # Investigation (kept as a draft until closed).
    investigation_started_at: datetime | None = _ts(nullable=True, default=False)
    inv_course: str | None = Field(default=None, sa_column=Column(Text))
    inv_what_went_wrong: str | None = Field(default=None, sa_column=Column(Text))
    inv_causes: str | None = Field(default=None, sa_column=Column(Text))
    inv_lex_sarah: str | None = Field(default=None, max_length=20)  # nej / ja / osäker
    inv_follow_up_date: date | None = None
    closed_at: datetime | None = _ts(nullable=True, default=False)
    closed_by_id: int | None = Field(default=None, foreign_key="person.id")
    reopen_count: int = 0
    lex_sarah_number: str | None = Field(default=None, max_length=20)  # converted to this lex Sarah report


class Measure(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    avvikelse_id: int = Field(foreign_key="avvikelse.id", index=True)
    description: str = Field(sa_column=Column(Text, nullable=False))
    responsible_id: int = Field(foreign_key="person.id")
    due_date: date
    created_at: datetime = _ts()
    removed: bool = False


class FollowUpStatus(StrEnum):
    PLANERAD = "planerad"
    KLAR = "klar"
    MAKULERAD = "makulerad"


class FollowUp(SQLModel, table=True):
    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("avvikelse_id", "measure_id", "due_date", name="uq_follow_up"),)

    id: int | None = Field(default=None, primary_key=True)
    avvikelse_id: int = Field(foreign_key="avvikelse.id", index=True)
    measure_id: int | None = Field(default=None, foreign_key="measure.id")
    owner_id: int = Field(foreign_key="person.id", index=True)
    due_date: date
    status: str = Field(default=FollowUpStatus.PLANERAD.value, max_length=20)
    done_at: datetime | None = _ts(nullable=True, default=False)
    done_by_id: int | None = Field(default=None, foreign_key="person.id")
    remind_on: date | None = None  # when the next reminder goes out (moves when snoozed)
    escalated_at: datetime | None = _ts(nullable=True, default=False)
