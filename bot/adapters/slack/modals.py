"""Show a core reply in a modal: a new one, or stacked on the modal the click came from."""

from __future__ import annotations

from bot.adapters.slack import blocks
from bot.adapters.slack.after_ack import AfterAck
from bot.ui.model import Reply

FORM_NOT_OPENED = "Formuläret kunde inte öppnas (Slack svarade för sent). Försök igen."


def show_in_modal(after_ack: AfterAck, trigger_id: str | None, reply: Reply, *, from_modal: bool = False) -> None:
    """Raises `ViewNotOpened` when Slack refuses or does not answer."""
    if not trigger_id:
        return
    # A button inside an open modal stacks the next view on it (views.push); elsewhere a new modal opens.
    if reply.form is not None:
        after_ack.open_view(trigger_id, blocks.modal(reply.form), push=from_modal)
    elif reply.message is not None:
        after_ack.open_view(trigger_id, blocks.message_modal(reply.message), push=from_modal)
