"""Buttons (block_actions): the core decides; the answer opens a modal or comes back ephemerally."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.adapters.slack import blocks
from bot.adapters.slack.context import CHANNEL, actor_error, actor_of
from bot.adapters.slack.modals import FORM_NOT_OPENED, show_in_modal
from bot.app import Lotsen
from bot.ui.model import Message, Reply

log = logging.getLogger(__name__)
ACTION_ID = re.compile(r"^[a-z_]+:[a-z_]+(#\d+)?$")


def register(app: App, lotsen: Lotsen) -> None:
    @app.action(ACTION_ID)
    def on_action(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient,
                  context: BoltContext) -> None:
        ack()
        trigger_id = body.get("trigger_id")
        actor = actor_of(context)
        if actor is None:
            show_in_modal(client, trigger_id, Reply(message=Message(text=actor_error(context))))
            return
        reply = lotsen.chat.action(actor, blocks.action_id_of(action["action_id"]), action.get("value") or "",
                                   channel=CHANNEL)
        # A private view (case content) opens in a modal; other answers come back ephemerally.
        if reply.form is None and reply.message is not None and body.get("response_url") and not (
                reply.message.private and trigger_id):
            respond(text=blocks.fallback_text(reply.message), blocks=blocks.message_blocks(reply.message),
                    response_type="ephemeral", replace_original=False)
            return
        try:
            show_in_modal(client, trigger_id, reply, from_modal=(body.get("view") or {}).get("type") == "modal")
        except SlackApiError as exc:
            log.warning("opening a view failed: %s", exc.response.get("error"))
            if body.get("response_url"):
                respond(text=FORM_NOT_OPENED, response_type="ephemeral", replace_original=False)
