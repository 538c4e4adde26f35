"""The audit log: every read of and change to a report goes through `record` (who, when, what, old → new)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from storage import prepared
from storage.models import AuditEntry
from storage.types import utcnow

_AUDIT: Table = AuditEntry.__table__  # type: ignore[attr-defined]
_AUDIT_ROW = prepared.insert(_AUDIT, ["at", "actor_id", "action", "entity_type", "entity_ref", "changes", "channel"])


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_ref: str,
    changes: dict[str, Any] | None = None,
    channel: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        entity_type=entity_type,
        entity_ref=entity_ref,
        changes=changes or {},
        channel=channel,
    )
    session.add(entry)
    return entry


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """{"field": {"old": x, "new": y}} for fields that changed, values made JSON-friendly."""
    out: dict[str, Any] = {}
    for key, new in after.items():
        old = before.get(key)
        if old != new:
            out[key] = {"old": _plain(old), "new": _plain(new)}
    return out


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def entries_for(session: Session, entity_ref: str) -> list[AuditEntry]:
    stmt = select(AuditEntry).where(AuditEntry.entity_ref == entity_ref).order_by(col(AuditEntry.id))
    return list(session.exec(stmt))


def record_row(
    connection: Connection,
    *,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_ref: str,
    changes: dict[str, Any] | None = None,
    channel: str | None = None,
) -> None:
    """`record` as one plain INSERT, for hot paths that need no `AuditEntry` object back (no ORM flush)."""
    _AUDIT_ROW.execute(connection, {
        "at": utcnow(), "actor_id": actor_id, "action": action, "entity_type": entity_type,
        "entity_ref": entity_ref, "changes": changes or {}, "channel": channel,
    })
