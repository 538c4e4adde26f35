"""Tables every feature shares: numbering, the audit log, the outbox and processed platform requests."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index
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
    SET_ASIDE = "set_aside"  # its claims kept dying without an answer (it may crash the process)


class OutboxMessage(SQLModel, table=True):
    """One planned delivery. `key` names what, to whom and which occurrence, so planning twice is harmless."""

    __tablename__ = "outbox"
    # Claims read (status, due_at) and expired leases (status, lease_until); replanning reads subject.
    # Status alone has no index of its own: both composites lead with it (migration 0401_delivery).
    __table_args__ = (
        Index("ix_outbox_status_due_at", "status", "due_at"),
        Index("ix_outbox_status_lease_until", "status", "lease_until"),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)
    kind: str = Field(max_length=60)
    recipient_id: int = Field(foreign_key="person.id", index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    due_at: datetime = _ts()
    status: str = Field(default=OutboxStatus.PENDING.value, max_length=20)
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=80)
    lease_until: datetime | None = _ts(nullable=True, default=False)
    sent_at: datetime | None = _ts(nullable=True, default=False)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = _ts()
    # What the delivery is about (e.g. "frist:42"): replanning cancels by this indexed value, not by LIKE.
    subject: str | None = Field(default=None, index=True, max_length=120)
    # Named in a notice when the delivery fails (case reference, never content), e.g. "F-42 SN 2026/0001".
    reference: str | None = Field(default=None, max_length=120)
    # The moment first planned (due_at moves on retries); a delivery made a day later says "försenad".
    planned_for: datetime | None = _ts(nullable=True, default=False)
    # Claims that ran out without an answer (a crash); they do not count as attempts.
    crashes: int = 0


class ProcessedRequest(SQLModel, table=True):
    """Keys of platform deliveries already handled (Slack event_id, form submissions) across instances."""

    __tablename__ = "processed_request"
    key: str = Field(primary_key=True, max_length=200)
    at: datetime = _ts()
