"""Events: App Home, direct messages, mentions.

Scenarios: signed requests to the real Bolt app over HTTP; its Web API calls land on a fake Slack.
"""

from __future__ import annotations

import time

from tests.adapters.slack.scenarios import ANNA, MARIA, index_demo, json_text
from tests.support.slack import SlackHarness


def test_app_home_is_published_once_even_when_slack_retries(slack: SlackHarness) -> None:
    event = {"type": "app_home_opened", "user": MARIA, "channel": "D0BOT", "tab": "home"}
    assert slack.event(event, event_id="Ev001").status == 200
    assert slack.event(event, event_id="Ev001", retry_num=1).status == 200
    assert slack.event(event, event_id="Ev001", retry_num=2).status == 200
    publishes = slack.fake.wait_for("views.publish")
    time.sleep(0.3)
    publishes = slack.fake.calls_to("views.publish")
    assert len(publishes) == 1
    assert publishes[0].params["user_id"] == MARIA
    assert publishes[0].params["view"]["type"] == "home"
    assert "Att utreda" in json_text(publishes[0].params["view"])


def test_direct_message_and_mention_are_routine_questions(slack: SlackHarness) -> None:
    index_demo(slack)
    dm = {"type": "message", "channel_type": "im", "channel": "D0BOT", "user": ANNA, "ts": "1.000001",
          "text": "hur rapporterar jag en avvikelse?"}
    slack.event(dm, event_id="EvDM1")
    [reply] = slack.fake.wait_for("chat.postMessage")
    assert reply.params["channel"] == "D0BOT" and "rutin_avvikelser.md" in json_text(reply.params["blocks"])
    assert "thread_ts" not in reply.params
    mention = {"type": "app_mention", "channel": "C0GENERAL", "user": ANNA, "ts": "2.000001",
               "text": "<@U0LOTSENBOT> när är julbordet?"}
    slack.event(mention, event_id="EvM1")
    posts = slack.fake.wait_for("chat.postMessage", count=2)
    in_channel = posts[-1].params
    assert in_channel["channel"] == "C0GENERAL" and in_channel["thread_ts"] == "2.000001"
    assert "Jag hittar ingen rutin" in in_channel["text"]


def test_a_personnummer_in_a_question_is_not_searched(slack: SlackHarness) -> None:
    index_demo(slack)
    slack.command(ANNA, "/rutin", "vad gäller för 121212-1212")
    [answer] = slack.fake.wait_for("response_url")
    assert "personnummer" in answer.params["text"] and "1212" not in answer.params["text"]
