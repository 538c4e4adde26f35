"""Buttons (block_actions): the core decides; the answer opens a modal or comes back ephemerally.

Acked at once; the rest runs on the after-ack worker (`bot.adapters.slack.after_ack`).
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.adapters.slack import blocks
from bot.adapters.slack.after_ack import AfterAck, ViewNotOpened
from bot.adapters.slack.context import CHANNEL, actor_error, actor_of
from bot.adapters.slack.modals import FORM_NOT_OPENED, show_in_modal
from bot.app import Lotsen
from bot.errors import INTERNAL_ERROR
from bot.ui.model import Message, Reply

ACTION_ID = re.compile(r"^[a-z_]+:[a-z_]+(#\d+)?$")


def register(app: App, lotsen: Lotsen, after_ack: AfterAck) -> None:
    def answer(body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        trigger_id = body.get("trigger_id")
        from_modal = (body.get("view") or {}).get("type") == "modal"
        actor = actor_of(context)
        if actor is None:
            reply = Reply(message=Message(text=actor_error(context)))
        else:
            reply = lotsen.chat.action(actor, blocks.action_id_of(action["action_id"]), action.get("value") or "",
                                       channel=CHANNEL)
            # A private view (case content) opens in a modal; other answers come back ephemerally.
            if reply.form is None and reply.message is not None and body.get("response_url") and not (
                    reply.message.private and trigger_id):
                respond(text=blocks.fallback_text(reply.message), blocks=blocks.message_blocks(reply.message),
                        response_type="ephemeral", replace_original=False)
                return
        try:
            show_in_modal(after_ack, trigger_id, reply, from_modal=from_modal)
        except ViewNotOpened:
            if body.get("response_url"):
                respond(text=FORM_NOT_OPENED, response_type="ephemeral", replace_original=False)

    def tell_error(body: dict[str, Any], respond: Respond, ref: str) -> None:
        if body.get("response_url"):
            respond(text=INTERNAL_ERROR.format(ref=ref), response_type="ephemeral", replace_original=False)

    @app.action(ACTION_ID)
    def on_action(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond,
                  context: BoltContext) -> None:
        ack()
        after_ack.submit(str(action.get("action_id", "")), lambda: answer(body, action, respond, context),
                         lambda ref: tell_error(body, respond, ref))
