"""Case deadlines (frister) registered by handläggare or imported from the case-management system.

Only the case reference (diarienummer or ärendenummer) identifies the case: never a name or
personnummer. Each row is one deadline of one case; a case moving on (förhandsbedömning decided,
utredning opened) closes one row and opens the next.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class FristStatus(StrEnum):
    AKTIV = "aktiv"
    KLAR = "klar"
    AVBRUTEN = "avbruten"


class CaseDeadline(SQLModel, table=True):
    __tablename__ = "case_deadline"
    __table_args__ = (UniqueConstraint("case_ref", "kind", "trigger_date", name="uq_case_deadline"),)

    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(index=True, max_length=40)
    kind: str = Field(max_length=40)
    trigger_date: date
    statutory_date: date
    original_due: date
    due_date: date = Field(index=True)
    legal_basis: str = Field(max_length=200)
    explanation: str = Field(sa_column=Column(Text, nullable=False))
    handlaggare_id: int = Field(foreign_key="person.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    status: str = Field(default=FristStatus.AKTIV.value, index=True, max_length=20)
    outcome: str | None = Field(default=None, max_length=40)
    extension_reason: str | None = Field(default=None, sa_column=Column(Text))
    extension_decided_by_id: int | None = Field(default=None, foreign_key="person.id")
    previous_id: int | None = Field(default=None, foreign_key="case_deadline.id")
    source: str = Field(default="chat", max_length=20)
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    closed_by_id: int | None = Field(default=None, foreign_key="person.id")

    @property
    def label(self) -> str:
        """What people say aloud: F-42."""
        return f"F-{self.id}"
