"""Refusals are audited too. A refused action rolls its own transaction back, so the refusal is
written afterwards, in a transaction of its own, by this decorator around service methods."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from bot.audit.log import record
from bot.errors import PermissionDenied
from storage.db import Database


class HasDatabase(Protocol):
    db: Database


S = TypeVar("S", bound=HasDatabase)
P = ParamSpec("P")
R = TypeVar("R")


def audit_refusals(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    @wraps(method)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except PermissionDenied as exc:
            if exc.audit:
                with self.db.session() as session:
                    record(session, **exc.audit)  # type: ignore[arg-type]
            raise

    return wrapper


def denied(message: str, *, actor_id: int | None, action: str, entity_type: str, entity_ref: str,
           channel: str | None) -> PermissionDenied:
    return PermissionDenied(message, audit={"actor_id": actor_id, "action": action, "entity_type": entity_type,
                                            "entity_ref": entity_ref, "channel": channel})
