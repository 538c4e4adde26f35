"""Tables every feature shares: numbering, the audit log, the outbox and processed platform requests."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from storage.types import timestamp_field as _ts


class NumberSequence(SQLModel, table=True):
    """Per-prefix, per-year counter: AVV-2026 → 42. Incremented in the same transaction as the insert."""

    __tablename__ = "number_sequence"
    name: str = Field(primary_key=True, max_length=30)
    last_value: int = 0


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
