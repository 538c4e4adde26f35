"""What the middleware puts in Bolt's context for every listener: the acting person, or why there is none."""

from __future__ import annotations

from slack_bolt import BoltContext

from storage.models import Person

CHANNEL = "slack"  # the audit log's name for this front end


ACTOR_RESOLVER = "actor_resolver"  # set by the middleware; resolves the Slack user on first use


def _resolved(context: BoltContext) -> None:
    resolver = context.pop(ACTOR_RESOLVER, None)
    if resolver is not None:
        resolver()


def actor_of(context: BoltContext) -> Person | None:
    _resolved(context)
    actor = context.get("actor")
    return actor if isinstance(actor, Person) else None


def actor_error(context: BoltContext) -> str:
    """The Swedish message for a user Lotsen does not know (set when `actor_of` is None)."""
    _resolved(context)
    return str(context.get("actor_error") or "")
