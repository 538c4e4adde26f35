"""The Slack front end: a Bolt app whose listeners turn commands, actions, submissions and events into core calls.

Listeners live in `listeners/`, one module per request type. One middleware runs first: Slack's
retried events are dropped (the same event_id), and the Slack user is resolved to a `Person` once,
when a listener first asks (after a command's ack, before a submission's).
Everything answers Slack within its 3-second window: acks come first, and the only work before
them is a database lookup. Listeners run in the request's thread (process_before_response); what a
command, button or event does after its ack runs on `after_ack`'s bounded worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient

from bot.adapters.slack.after_ack import AfterAck
from bot.adapters.slack.context import ACTOR_RESOLVER, CHANNEL
from bot.adapters.slack.identity import email_of, resolve_slack_user
from bot.adapters.slack.listeners import register_all
from bot.adapters.slack.listeners.commands import COMMANDS
from bot.adapters.slack.listeners.events import BOT_EVENTS
from bot.app import Lotsen
from bot.audit.platform import record_unknown_user
from bot.clock import utcnow
from bot.errors import UnknownUser, UserError
from storage.models import ProcessedRequest
from storage.upsert import insert_ignore

__all__ = ["BOT_EVENTS", "BOT_SCOPES", "COMMANDS", "create_app"]

BOT_SCOPES = ("commands", "chat:write", "im:history", "app_mentions:read", "users:read", "users:read.email")


def _request_kind(body: dict[str, Any]) -> str | None:
    """What a request asked for (a command, an action id, a form, an event type), never its text."""
    if body.get("command"):
        return str(body["command"])
    if body.get("actions"):
        return str(body["actions"][0].get("action_id", ""))
    if body.get("view"):
        return str(body["view"].get("callback_id", ""))
    event = body.get("event") or {}
    return str(event.get("type")) if event else body.get("type")


class _BeforeListeners(Middleware):
    """What runs before any listener: a retried event is dropped (Slack re-sends an event it thinks we
    missed, with the same event_id), and the Slack user is resolved to a `Person` on first use
    (`context.actor_of`): a command acks before it asks, so its ack waits for no database read; a
    submission asks before its ack, as it must. One Middleware class rather than two functions: Bolt
    builds keyword arguments for every function middleware on every request."""

    def __init__(self, first_delivery: Callable[[str], bool],
                 resolve: Callable[[BoltContext, str, str | None], None]) -> None:
        self._first_delivery = first_delivery
        self._resolve = resolve

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:
        body, context = req.body, req.context
        event_id = body.get("event_id")
        if body.get("type") == "event_callback" and event_id and not self._first_delivery(f"slack:event:{event_id}"):
            return BoltResponse(status=200, body="")
        user_id = context.user_id
        if user_id and not (body.get("event") or {}).get("bot_id"):  # bots' own messages are ignored anyway
            request = _request_kind(body)
            context[ACTOR_RESOLVER] = lambda: self._resolve(context, user_id, request)
        return next()


def after_ack_of(app: App) -> AfterAck | None:
    """The app's after-ack worker (to stop it, or to run it inline when profiling)."""
    worker = getattr(app, "lotsen_after_ack", None)
    return worker if isinstance(worker, AfterAck) else None


def create_app(lotsen: Lotsen, *, token: str, signing_secret: str, base_url: str) -> App:
    client = WebClient(token=token, base_url=base_url)
    app = App(
        client=client,
        signing_secret=signing_secret,
        token_verification_enabled=False,  # start-up calls auth.test itself, with a clearer message
        request_verification_enabled=True,
        # Listeners run in the request's own thread and Bolt answers when they return: they ack and hand
        # the rest to `after_ack` (a submission acks last, after storing). Without this, Bolt would run
        # each listener in a pool of five threads and poll every 10 ms for the ack, and a burst of
        # commands would queue its acks behind the views.open calls of the commands before.
        process_before_response=True,
    )
    after_ack = AfterAck(token, base_url)
    app.lotsen_after_ack = after_ack  # type: ignore[attr-defined]  # see after_ack_of

    def first_delivery(key: str) -> bool:
        with lotsen.db.session() as session:
            table = ProcessedRequest.__table__  # type: ignore[attr-defined]
            return insert_ignore(session, table, {"key": key, "at": utcnow()})

    def resolve(context: BoltContext, user_id: str, request: str | None) -> None:
        try:
            try:
                context["actor"] = resolve_slack_user(lotsen.db, user_id)
            except UnknownUser:
                # Not known by Slack id yet: try the e-mail Slack has for them (first contact).
                context["actor"] = resolve_slack_user(lotsen.db, user_id, email_of(client, user_id))
        except UnknownUser as exc:
            # Refusals are audited too: the Slack id and what was asked for, nothing they typed.
            record_unknown_user(lotsen.db, CHANNEL, user_id, request)
            context["actor_error"] = exc.message
        except UserError as exc:
            context["actor_error"] = exc.message

    app.middleware(_BeforeListeners(first_delivery, resolve))
    register_all(app, lotsen, after_ack)
    return app
