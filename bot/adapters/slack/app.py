"""The Slack front end: a Bolt app that turns commands, actions, submissions and events into core calls.

Listeners stay thin: resolve the user, call `Chat`, render the reply. Everything answers Slack
within its 3-second window: acks come first, and the only work before them is a database lookup.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.adapters.slack import blocks
from bot.app import Lotsen
from bot.chat.identity import resolve_slack_user
from bot.chat.router import GENERAL_HELP
from bot.clock import utcnow
from bot.errors import UnknownUser, UserError
from bot.ui.model import Message, Reply
from bot.ui.texts import DUPLICATE_SUBMISSION
from storage.models import Person, ProcessedRequest
from storage.upsert import insert_ignore

log = logging.getLogger(__name__)
CHANNEL = "slack"
# Everything the app uses from Slack, in one place: the manifest is generated from these.
COMMANDS = {
    "/avvikelse": ("Rapportera och följ upp avvikelser", "[lista | visa AVV-2026-0001 | hjälp]"),
    "/lexsarah": ("Rapportera ett missförhållande (lex Sarah)", "[lista | visa LXS-2026-0001 | hjälp]"),
    "/frist": ("Registrera och följ frister i ärenden", "[lista | visa F-12 | beräkna utredning 2026-12-10 | hjälp]"),
    "/rutin": ("Vilken rutin gäller? Svar med källa", "<fråga>, t.ex. hur rapporterar jag en avvikelse"),
    "/statistik": ("Nyckeltal för dina enheter (bara antal)", "[2026T2 | 2026 | 2026H1] [ENHET]"),
}
BOT_EVENTS = ("app_home_opened", "message.im", "app_mention")
BOT_SCOPES = ("commands", "chat:write", "im:history", "app_mentions:read", "users:read", "users:read.email")
FORM_NOT_OPENED = "Formuläret kunde inte öppnas (Slack svarade för sent). Försök igen."
MENTION = re.compile(r"<@[A-Z0-9]+(\|[^>]*)?>")


def _email_of(client: WebClient, user_id: str) -> str | None:
    try:
        info = client.users_info(user=user_id)
    except Exception:  # no users:read.email, or the user is gone: treat as unknown
        return None
    profile = (info.get("user") or {}).get("profile") or {}
    email = profile.get("email")
    return str(email) if email else None


def create_app(lotsen: Lotsen, *, token: str, signing_secret: str, base_url: str) -> App:
    client = WebClient(token=token, base_url=base_url)
    app = App(
        client=client,
        signing_secret=signing_secret,
        token_verification_enabled=False,  # start-up calls auth.test itself, with a clearer message
        request_verification_enabled=True,
    )

    def person_for(user_id: str) -> Person:
        try:
            return resolve_slack_user(lotsen.db, user_id)
        except UnknownUser:
            return resolve_slack_user(lotsen.db, user_id, _email_of(client, user_id))

    def first_delivery(key: str) -> bool:
        with lotsen.db.session() as session:
            table = ProcessedRequest.__table__  # type: ignore[attr-defined]
            return insert_ignore(session, table, {"key": key, "at": utcnow()})

    @app.middleware
    def drop_retried_events(body: dict[str, Any], next: Any) -> BoltResponse | None:
        # Slack re-sends an event it thinks we missed (X-Slack-Retry-Num); the event_id is the same.
        event_id = body.get("event_id")
        if body.get("type") == "event_callback" and event_id and not first_delivery(f"slack:event:{event_id}"):
            return BoltResponse(status=200, body="")
        return next()

    def reply_in_modal(trigger_id: str | None, reply: Reply, *, from_modal: bool = False) -> None:
        if not trigger_id:
            return
        # A button inside an open modal stacks the next view on it (views.push); elsewhere a new modal opens.
        show = client.views_push if from_modal else client.views_open
        if reply.form is not None:
            show(trigger_id=trigger_id, view=blocks.modal(reply.form))
        elif reply.message is not None:
            show(trigger_id=trigger_id, view=blocks.message_modal(reply.message))

    def on_command(ack: Any, body: dict[str, Any], respond: Any) -> None:
        # Ack at once (Slack's 3-second window); the reply follows as a modal or via response_url.
        ack()
        name = str(body.get("command", "")).lstrip("/")
        try:
            actor = person_for(body["user_id"])
        except UserError as exc:
            respond(text=exc.message, response_type="ephemeral")
            return
        reply = lotsen.chat.command(actor, name, body.get("text") or "", channel=CHANNEL)
        if reply.form is not None:
            try:
                client.views_open(trigger_id=body["trigger_id"], view=blocks.modal(reply.form))
            except SlackApiError as exc:
                # Typically expired_trigger_id (Slack waited over 3 s); say so instead of staying silent.
                log.warning("views.open failed", extra={"error": exc.response.get("error")})
                respond(text=FORM_NOT_OPENED, response_type="ephemeral")
            return
        message = reply.message or Message(text="")
        respond(text=message.text, blocks=blocks.message_blocks(message), response_type="ephemeral")

    for command_name in COMMANDS:
        app.command(command_name)(on_command)

    @app.action(re.compile(r"^[a-z_]+:[a-z_]+(#\d+)?$"))
    def on_action(ack: Any, body: dict[str, Any], action: dict[str, Any], respond: Any) -> None:
        ack()
        trigger_id = body.get("trigger_id")
        try:
            actor = person_for(body["user"]["id"])
        except UserError as exc:
            reply_in_modal(trigger_id, Reply(message=Message(text=exc.message)))
            return
        reply = lotsen.chat.action(actor, blocks.action_id_of(action["action_id"]), action.get("value") or "",
                                   channel=CHANNEL)
        if reply.form is None and reply.message is not None and body.get("response_url"):
            respond(text=reply.message.text, blocks=blocks.message_blocks(reply.message),
                    response_type="ephemeral", replace_original=False)
            return
        try:
            reply_in_modal(trigger_id, reply, from_modal=(body.get("view") or {}).get("type") == "modal")
        except SlackApiError as exc:
            log.warning("opening a view failed", extra={"error": exc.response.get("error")})
            if body.get("response_url"):
                respond(text=FORM_NOT_OPENED, response_type="ephemeral", replace_original=False)

    @app.view(re.compile(r"^[a-z]+_[a-z_]+$"))
    def on_submission(ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        try:
            actor = person_for(body["user"]["id"])
        except UserError as exc:
            ack(response_action="update", view=blocks.message_modal(Message(text=exc.message)))
            return
        key = f"slack:view:{view['id']}"
        result = lotsen.chat.submit(
            actor, view["callback_id"], blocks.private_metadata(view), blocks.state_values(view),
            submission_key=key, channel=CHANNEL,
        )
        if result.errors:
            ack(response_action="errors", errors=result.errors)
        elif result.next_form is not None:
            ack(response_action="update", view=blocks.modal(result.next_form))
        else:
            ack(response_action="update",
                view=blocks.message_modal(result.message or Message(text=DUPLICATE_SUBMISSION)))

    @app.event("app_home_opened")
    def on_home(event: dict[str, Any]) -> None:
        if event.get("tab") not in (None, "home"):
            return
        user_id = event["user"]
        try:
            actor = person_for(user_id)
            view = blocks.home_view(lotsen.chat.home(actor))
        except UserError as exc:
            view = blocks.home_view([Message(text=exc.message)])
        client.views_publish(user_id=user_id, view=view)

    def answer_free_text(event: dict[str, Any], say: Any, *, in_thread: bool) -> None:
        text = MENTION.sub("", event.get("text") or "").strip()
        try:
            actor = person_for(event["user"])
            reply = lotsen.chat.free_text(actor, text, channel=CHANNEL)
            message = reply.message or Message(text=GENERAL_HELP)
        except UserError as exc:
            message = Message(text=exc.message)
        thread = {"thread_ts": event.get("thread_ts") or event.get("ts")} if in_thread else {}
        say(text=message.text, blocks=blocks.message_blocks(message), **thread)

    @app.event("message")
    def on_message(event: dict[str, Any], say: Any) -> None:
        # Direct messages to the bot: a routine question (or a slash command typed as text).
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        answer_free_text(event, say, in_thread=False)

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], say: Any) -> None:
        # In a channel the answer goes in a thread; it cites routines, never case content.
        answer_free_text(event, say, in_thread=True)

    return app
