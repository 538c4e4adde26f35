"""Lex Sarah reports (SoL 27 kap.): a missförhållande or a påtaglig risk of one, reported, investigated
(SOSFS 2011:5 5 kap.), assessed, and, when allvarligt, reported to IVO. Visible only to those who must."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class LexSarahStatus(StrEnum):
    MOTTAGEN = "mottagen"
    UNDER_UTREDNING = "under_utredning"
    BEDOMD = "bedömd"
    AVSLUTAD = "avslutad"


class LexSarahReport(SQLModel, table=True):
    __tablename__ = "lex_sarah_report"
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(index=True, unique=True, max_length=20)
    year: int
    seq: int
    submission_key: str = Field(unique=True, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    reported_by_id: int = Field(foreign_key="person.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    event_date: date
    noticed_date: date
    what_happened: str = Field(sa_column=Column(Text, nullable=False))
    consequence: str = Field(sa_column=Column(Text, nullable=False))
    immediate_action: str = Field(sa_column=Column(Text, nullable=False))
    case_reference: str | None = Field(default=None, max_length=60)
    status: str = Field(default=LexSarahStatus.MOTTAGEN.value, index=True, max_length=20)
    due_date: date  # local target for the investigation (the law says genast)
    investigator_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    # The investigation (SOSFS 2011:5 5 kap.) and the ställningstagande that closes it.
    inv_causes: str | None = Field(default=None, sa_column=Column(Text))
    inv_happened_before: str | None = Field(default=None, sa_column=Column(Text))
    inv_could_recur: str | None = Field(default=None, sa_column=Column(Text))
    inv_measures: str | None = Field(default=None, sa_column=Column(Text))
    assessment: str | None = Field(default=None, max_length=40)
    assessment_motivation: str | None = Field(default=None, sa_column=Column(Text))
    assessed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    assessed_by_id: int | None = Field(default=None, foreign_key="person.id")
    ivo_reported_on: date | None = None
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
