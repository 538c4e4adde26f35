"""Core tables: organisation, avvikelser, measures, follow-ups, audit log, outbox, numbering.

Domain packages with tables of their own (rutiner, deadlines) keep their models beside their code
and register them in `models_registry`.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lotsen.clock import utcnow
from lotsen.storage.types import UTCDateTime


def _ts(nullable: bool = False, default: bool = True) -> Any:
    if default:
        return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=nullable))
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class Role(StrEnum):
    MEDARBETARE = "medarbetare"
    HANDLAGGARE = "handläggare"
    TEAMLEDARE = "teamledare"
    ENHETSCHEF = "enhetschef"
    VERKSAMHETSCHEF = "verksamhetschef"
    KVALITETSENHET = "kvalitetsenhet"
    LEX_SARAH_ANSVARIG = "lex_sarah_ansvarig"


# --- organisation ---------------------------------------------------------------------------------


class Unit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True, max_length=40)
    name: str = Field(max_length=200)
    parent_id: int | None = Field(default=None, foreign_key="unit.id")
    # unit.chef_id and person.unit_id point at each other; this key is created after both tables.
    chef_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id", use_alter=True), nullable=True)
    )
    active: bool = True


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=120)
    name: str = Field(max_length=200)
    email: str | None = Field(default=None, index=True, unique=True, max_length=254)
    slack_user_id: str | None = Field(default=None, index=True, unique=True, max_length=40)
    teams_user_id: str | None = Field(default=None, index=True, unique=True, max_length=200)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True

    def has_role(self, role: Role) -> bool:
        return role.value in self.roles


# --- avvikelser -----------------------------------------------------------------------------------


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


class NumberSequence(SQLModel, table=True):
    """Per-prefix, per-year counter: AVV-2026 → 42. Incremented in the same transaction as the insert."""

    __tablename__ = "number_sequence"
    name: str = Field(primary_key=True, max_length=30)
    last_value: int = 0


# --- audit, outbox, idempotency -------------------------------------------------------------------


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts()
    actor_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    action: str = Field(max_length=60, index=True)
    entity_type: str = Field(max_length=40)
    entity_ref: str = Field(max_length=60, index=True)
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    channel: str | None = Field(default=None, max_length=20)  # slack / console / cli / teams


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class OutboxMessage(SQLModel, table=True):
    """One planned delivery. `key` names what, to whom and which occurrence, so planning twice is harmless."""

    __tablename__ = "outbox"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)
    kind: str = Field(max_length=60)
    recipient_id: int = Field(foreign_key="person.id", index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    due_at: datetime = _ts()
    status: str = Field(default=OutboxStatus.PENDING.value, index=True, max_length=20)
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=80)
    lease_until: datetime | None = _ts(nullable=True, default=False)
    sent_at: datetime | None = _ts(nullable=True, default=False)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = _ts()


class ProcessedRequest(SQLModel, table=True):
    """Keys of platform deliveries already handled (Slack event_id, form submissions) across instances."""

    __tablename__ = "processed_request"
    key: str = Field(primary_key=True, max_length=200)
    at: datetime = _ts()
