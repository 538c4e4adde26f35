"""Form submissions (view_submission): validated and stored by the core before the ack answers."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.adapters.slack import blocks
from bot.adapters.slack.context import CHANNEL, actor_error, actor_of
from bot.adapters.slack.identity import person_refs
from bot.app import Lotsen
from bot.ui.model import Message
from bot.ui.texts import DUPLICATE_SUBMISSION

CALLBACK_ID = re.compile(r"^[a-z]+_[a-z_]+$")


def register(app: App, lotsen: Lotsen) -> None:
    @app.view(CALLBACK_ID)
    def on_submission(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
        actor = actor_of(context)
        if actor is None:
            ack(response_action="update", view=blocks.message_modal(Message(text=actor_error(context))))
            return
        # A users_select gives a Slack id; the core takes the person's key.
        values = person_refs(lotsen.db, blocks.state_values(view), blocks.user_fields(view))
        result = lotsen.chat.submit(
            actor, view["callback_id"], blocks.private_metadata(view), values,
            submission_key=f"slack:view:{view['id']}", channel=CHANNEL,
        )
        if result.errors:
            ack(response_action="errors", errors=result.errors)
        elif result.next_form is not None:
            ack(response_action="update", view=blocks.modal(result.next_form))
        else:
            ack(response_action="update",
                view=blocks.message_modal(result.message or Message(text=DUPLICATE_SUBMISSION)))
