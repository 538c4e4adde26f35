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
    # Bolt tries the listeners' matchers in the order they were registered, on every request. A
    # submission is registered first: it is the one request whose ack waits for its work (it is
    # stored before the ack, in the request's thread); commands, buttons and events ack at once.
    views.register(app, lotsen)
    for module in (commands, actions, events):
        module.register(app, lotsen, after_ack)
