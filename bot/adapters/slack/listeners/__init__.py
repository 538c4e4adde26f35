"""Slack listeners, one module per request type, each with `register(app, lotsen)` (as bolt-python does).

The acting person is resolved once, in `bot.adapters.slack.app`'s middleware, and reaches every
listener through `bot.adapters.slack.context`.
"""

from __future__ import annotations

from slack_bolt import App

from bot.adapters.slack.after_ack import AfterAck
from bot.adapters.slack.listeners import actions, commands, events, views
from bot.app import Lotsen


def register_all(app: App, lotsen: Lotsen, after_ack: AfterAck) -> None:
    for module in (commands, actions, events):  # acked at once, the rest after the ack
        module.register(app, lotsen, after_ack)
    views.register(app, lotsen)  # a submission is stored before its ack, in the request's thread
