"""Errors a user can fix (shown in Swedish as they are) and errors they cannot (logged with an id)."""

from __future__ import annotations

import uuid


class UserError(Exception):
    """Bad input or an action not allowed now. The message is Swedish and safe to show; nothing changed."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(UserError):
    """Refused for lack of rights. `audit` says what to log; it is written after the rollback."""

    def __init__(self, message: str, *, audit: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.audit = audit


class NotFound(UserError):
    pass


class UnknownUser(UserError):
    pass


def incident_id() -> str:
    """A short id the user can quote to support; the log line carries the same id."""
    return uuid.uuid4().hex[:8].upper()


INTERNAL_ERROR = "Något gick fel hos Lotsen och ingenting sparades. Uppge felkod {ref} till support."
