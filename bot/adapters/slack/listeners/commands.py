"""Slash commands: /avvikelse, /lexsarah, /frist, /rutin. Ack first, then a modal or an ephemeral reply.

Everything after the ack runs on the after-ack worker (`bot.adapters.slack.after_ack`), so the
thread that acks is free for the next request at once.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.adapters.slack import blocks
from bot.adapters.slack.after_ack import AfterAck, ViewNotOpened
from bot.adapters.slack.context import CHANNEL, actor_error, actor_of
from bot.adapters.slack.modals import FORM_NOT_OPENED
from bot.app import Lotsen
from bot.errors import INTERNAL_ERROR
from bot.ui.model import Message

# Everything the app uses from Slack, in one place: the manifest is generated from these.
COMMANDS = {
    "/avvikelse": ("Rapportera och följ upp avvikelser", "[lista | visa AVV-2026-0001 | hjälp]"),
    "/lexsarah": ("Rapportera ett missförhållande (lex Sarah)", "[lista | visa LXS-2026-0001 | hjälp]"),
    "/frist": ("Registrera och följ frister i ärenden", "[lista | visa F-12 | beräkna utredning 2026-12-10 | hjälp]"),
    "/rutin": ("Vilken rutin gäller? Svar med källa", "<fråga>, t.ex. hur rapporterar jag en avvikelse"),
    "/statistik": ("Nyckeltal för dina enheter (bara antal)", "[2026T2 | 2026 | 2026H1] [ENHET]"),
}


def register(app: App, lotsen: Lotsen, after_ack: AfterAck) -> None:
    def answer(body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        actor = actor_of(context)
        if actor is None:
            respond(text=blocks.fallback_text(Message(text=actor_error(context))), response_type="ephemeral")
            return
        name = str(body.get("command", "")).lstrip("/")
        reply = lotsen.chat.command(actor, name, body.get("text") or "", channel=CHANNEL)
        if reply.form is not None:
            try:
                after_ack.open_view(body["trigger_id"], blocks.modal(reply.form))
            except ViewNotOpened:
                # Typically expired_trigger_id (Slack waited over 3 s); say so instead of staying silent.
                respond(text=FORM_NOT_OPENED, response_type="ephemeral")
            return
        message = reply.message or Message(text="")
        respond(text=blocks.fallback_text(message), blocks=blocks.message_blocks(message), response_type="ephemeral")

    def on_command(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        # Ack at once (Slack's 3-second window); the reply follows as a modal or via response_url.
        ack()
        after_ack.submit(str(body.get("command", "")), lambda: answer(body, respond, context),
                         lambda ref: respond(text=INTERNAL_ERROR.format(ref=ref), response_type="ephemeral"))

    # One listener for all of them: Bolt tries each listener's matcher in turn on every request.
    app.command(re.compile("^(?:" + "|".join(re.escape(name) for name in COMMANDS) + ")$"))(on_command)
