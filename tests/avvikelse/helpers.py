"""Small builders for avvikelse tests."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot.app import Lotsen
from storage.models import AuditEntry, Avvikelse, OutboxMessage

VALID: dict[str, str | None] = {
    "event_date": "2026-12-08",
    "unit": "MOTT",
    "subject": "organisatorisk",
    "origin": "intern",
    "category": "Dokumentation",
    "what_happened": "Journalanteckning fördes in tre veckor för sent.",
    "consequence": "Kollegor saknade information vid ett akut samtal.",
    "immediate_action": "Anteckningen fördes in samma dag.",
    "case_reference": "SN 2026/0412",
}


def values(**overrides: Any) -> dict[str, str | None]:
    return {**VALID, **overrides}


def reports(lotsen: Lotsen) -> list[Avvikelse]:
    with lotsen.db.session() as s:
        return list(s.exec(select(Avvikelse).order_by(col(Avvikelse.id))))


def outbox(lotsen: Lotsen, kind: str | None = None) -> list[OutboxMessage]:
    with lotsen.db.session() as s:
        rows = list(s.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))))
    return [r for r in rows if kind is None or r.kind == kind]


def audit(lotsen: Lotsen, ref: str | None = None) -> list[AuditEntry]:
    with lotsen.db.session() as s:
        rows = list(s.exec(select(AuditEntry).order_by(col(AuditEntry.id))))
    return [r for r in rows if ref is None or r.entity_ref == ref]


def snapshot(lotsen: Lotsen) -> tuple[Any, ...]:
    """Everything a rejected action must leave untouched (audit of refusals aside)."""
    return (
        [r.model_dump() for r in reports(lotsen)],
        [(o.key, o.status) for o in outbox(lotsen)],
    )
