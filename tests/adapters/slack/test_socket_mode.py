"""Socket Mode, the default transport: the real Bolt SocketModeHandler against a local WebSocket server."""

from __future__ import annotations

import json

from bot.adapters.slack.runner import prepare, socket_mode_handler
from bot.config import SlackSettings
from bot.devtools.fake_slack import FakeSlack
from tests.conftest import make_lotsen
from tests.support.socket_mode import FakeSocketMode


def test_a_slash_command_over_socket_mode_is_acked_and_opens_the_form(sqlite_url: str) -> None:
    socket = FakeSocketMode()
    fake = FakeSlack(socket_mode_url=socket.url).start()
    lotsen = make_lotsen(sqlite_url)
    settings = SlackSettings(slack_bot_token="xoxb-sm", slack_app_token="xapp-sm", slack_api_url=fake.url,
                             slack_signing_secret="")
    runtime = prepare(lotsen, settings, http=False)
    handler = socket_mode_handler(runtime, settings.slack_app_token)
    try:
        handler.connect()
        assert socket.connected.wait(10)
        socket.send("slash_commands", {
            "command": "/avvikelse", "text": "", "user_id": "U0DEMOME01", "team_id": "T0LOTSEN",
            "channel_id": "C1", "trigger_id": "trig.sm", "response_url": fake.url + "response/sm",
            "api_app_id": "A0LOTSEN", "token": "legacy",
        }, envelope_id="env-1")
        ack = socket.wait_for_ack("env-1")
        assert ack is not None
        [opened] = fake.wait_for("views.open")
        assert opened.params["trigger_id"] == "trig.sm"
        assert opened.params["view"]["callback_id"] == "avvikelse_new"
        assert [c.token for c in fake.calls_to("apps.connections.open")] == ["xapp-sm"]
        assert json.dumps(ack)  # the ack is plain JSON with the envelope id
    finally:
        handler.close()
        runtime.stop()
        socket.stop()
        fake.stop()
        lotsen.db.dispose()
