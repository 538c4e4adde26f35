"""Lex Sarah reports (SoL 27 kap.): a missförhållande or a påtaglig risk of one, reported, investigated
(SOSFS 2011:5 5 kap.), assessed, and, when allvarligt, reported to IVO. Visible only to those who must."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class LexSarahStatus(StrEnum):
    """The workflow, in order. Each change is one `LexSarahEvent` (when, who)."""

    MOTTAGEN = "mottagen"
    UNDER_UTREDNING = "under_utredning"
    STALLNINGSTAGANDE = "ställningstagande"  # the investigation is closed with one of five positions
    BESLUTAD = "beslutad"  # decided by the nämnd, an utskott or a delegate
    ANMALD_IVO = "anmäld_ivo"  # only for allvarligt / påtaglig risk för allvarligt; Lotsen only records it
    ATGARDER = "åtgärder"  # the handlingsplan is being carried out
    UPPFOLJNING = "uppföljning"  # every measure is done; their effect is followed up
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
    # The rest of the workflow (revision 0301_lex_sarah).
    investigation_started_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    inv_noticed_how: str | None = Field(default=None, sa_column=Column(Text))  # when and how it was noticed
    inv_other: str | None = Field(default=None, sa_column=Column(Text))  # anything else the investigation found
    decision_by: str | None = Field(default=None, max_length=20)  # nämnd / utskott / delegat
    decision_by_name: str | None = Field(default=None, max_length=200)
    decided_on: date | None = None
    decision_recorded_by_id: int | None = Field(default=None, foreign_key="person.id")
    ivo_reference: str | None = Field(default=None, max_length=60)
    ivo_recorded_by_id: int | None = Field(default=None, foreign_key="person.id")
    closed_by_id: int | None = Field(default=None, foreign_key="person.id")
    avvikelse_number: str | None = Field(default=None, index=True, max_length=20)  # converted from this avvikelse
    inv_sources: str | None = Field(default=None, sa_column=Column(Text))  # where the information came from


class LexSarahEvent(SQLModel, table=True):
    """One step of the workflow: the state entered, when and by whom (no case content)."""

    __tablename__ = "lex_sarah_event"
    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="lex_sarah_report.id", index=True)
    state: str = Field(max_length=20)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    on_date: date | None = None  # the date the step concerns, when it is not the day it was recorded


class LexSarahMeasure(SQLModel, table=True):
    """A row of the handlingsplan: Åtgärd/aktivitet, Ansvarig, Planerat klart, Uppföljning, Avslut."""

    __tablename__ = "lex_sarah_measure"
    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="lex_sarah_report.id", index=True)
    position: int
    description: str = Field(sa_column=Column(Text, nullable=False))
    responsible_id: int = Field(foreign_key="person.id", index=True)
    planned_date: date
    follow_up_date: date | None = None
    follow_up_result: str | None = Field(default=None, sa_column=Column(Text))
    follow_up_done_on: date | None = None
    done_on: date | None = None  # Avslut
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    remind_on: date | None = None  # the next reminder, when snoozed
    escalated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class LexSarahTriage(SQLModel, table=True):
    """Answers to the triage questions, scored on the risk matrix, with the suggestion made."""

    __tablename__ = "lex_sarah_triage"
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    actor_id: int = Field(foreign_key="person.id")
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    avvikelse_number: str | None = Field(default=None, index=True, max_length=20)
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    consequence: int
    probability: int
    score: int
    suggestion: str = Field(max_length=10)  # ja / osaker / nej
