"""Show a core reply in a modal: a new one, or stacked on the modal the click came from."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.adapters.slack import blocks
from bot.ui.model import Reply

FORM_NOT_OPENED = "Formuläret kunde inte öppnas (Slack svarade för sent). Försök igen."


def show_in_modal(client: WebClient, trigger_id: str | None, reply: Reply, *, from_modal: bool = False) -> None:
    if not trigger_id:
        return
    # A button inside an open modal stacks the next view on it (views.push); elsewhere a new modal opens.
    show = client.views_push if from_modal else client.views_open
    if reply.form is not None:
        show(trigger_id=trigger_id, view=blocks.modal(reply.form))
    elif reply.message is not None:
        show(trigger_id=trigger_id, view=blocks.message_modal(reply.message))
