"""Events: App Home opened, direct messages to the bot, @mentions in channels.

Bolt acks an event when its listener returns; the work runs on the after-ack worker
(`bot.adapters.slack.after_ack`), so the ack waits for none of it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext, Say
from slack_sdk import WebClient

from bot.adapters.slack import blocks
from bot.adapters.slack.after_ack import AfterAck
from bot.adapters.slack.context import CHANNEL, actor_error, actor_of
from bot.adapters.slack.identity import strip_mentions
from bot.app import Lotsen
from bot.chat.router import GENERAL_HELP
from bot.errors import UserError
from bot.ui.model import Message

BOT_EVENTS = ("app_home_opened", "message.im", "app_mention")


def register(app: App, lotsen: Lotsen, after_ack: AfterAck) -> None:
    def answer_free_text(event: dict[str, Any], say: Say, context: BoltContext, *, in_thread: bool) -> None:
        actor = actor_of(context)
        if actor is None:
            message = Message(text=actor_error(context))
        else:
            try:
                reply = lotsen.chat.free_text(actor, strip_mentions(event.get("text") or ""), channel=CHANNEL)
                message = reply.message or Message(text=GENERAL_HELP)
            except UserError as exc:
                message = Message(text=exc.message)
        thread = {"thread_ts": event.get("thread_ts") or event.get("ts")} if in_thread else {}
        message = blocks.for_history(message)  # a DM or thread keeps what is posted: never a private view
        say(text=blocks.fallback_text(message), blocks=blocks.message_blocks(message), **thread)

    @app.event("app_home_opened")
    def on_home(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab") not in (None, "home"):
            return

        def publish() -> None:
            actor = actor_of(context)
            messages = lotsen.chat.home(actor) if actor is not None else [Message(text=actor_error(context))]
            client.views_publish(user_id=event["user"], view=blocks.home_view(messages))

        after_ack.submit("app_home_opened", publish)

    @app.event("message")
    def on_message(event: dict[str, Any], say: Say, context: BoltContext) -> None:
        # Direct messages to the bot: a routine question (or a slash command typed as text).
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        after_ack.submit("message.im", lambda: answer_free_text(event, say, context, in_thread=False))

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], say: Say, context: BoltContext) -> None:
        # In a channel the answer goes in a thread; it cites routines, never case content.
        after_ack.submit("app_mention", lambda: answer_free_text(event, say, context, in_thread=True))
