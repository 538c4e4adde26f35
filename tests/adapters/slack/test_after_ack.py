"""The work after a command's ack (bot.adapters.slack.after_ack): every modal opens, failures are told.

Scenarios: signed requests to the real Bolt app over HTTP; its Web API calls land on a fake Slack.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.devtools.fake_slack import Chaos
from tests.adapters.slack.scenarios import ANNA, ERIK, MARIA
from tests.support.slack import SlackHarness


def test_a_burst_of_commands_acks_each_and_opens_each_modal(slack: SlackHarness) -> None:
    users = [ANNA, ERIK, MARIA]
    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(lambda i: slack.command(users[i % 3], "/avvikelse"), range(30)))
    assert [(r.status, r.body) for r in responses] == [(200, "")] * 30
    opened = slack.fake.wait_for("views.open", count=30)
    assert len(opened) == 30
    assert len({c.params["trigger_id"] for c in opened}) == 30  # one modal per command, none twice
    assert {c.params["view"]["callback_id"] for c in opened} == {"avvikelse_new"}
    assert slack.fake.calls_to("response_url") == []


def test_slack_failing_on_views_open_is_logged_and_the_user_told(slack: SlackHarness,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    slack.fake.chaos = Chaos(fail_rate=1.0, methods=("views.open",))  # HTTP 500 internal_error
    caplog.set_level(logging.WARNING, logger="bot.adapters.slack.after_ack")
    assert slack.command(ANNA, "/avvikelse").status == 200
    [answer] = slack.fake.wait_for("response_url")
    assert "kunde inte öppnas" in answer.params["text"] and answer.params["response_type"] == "ephemeral"
    assert any("views.open failed: internal_error" in r.getMessage() for r in caplog.records)


def test_a_modal_a_button_cannot_open_is_explained(slack: SlackHarness) -> None:
    slack.fake.fail_methods["views.open"] = "expired_trigger_id"
    slack.click(MARIA, "avvikelse:new", "-")
    [answer] = slack.fake.wait_for("response_url")
    assert "kunde inte öppnas" in answer.params["text"]


def test_an_unexpected_error_after_the_ack_is_logged_with_an_id_the_user_gets(
        slack: SlackHarness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    assert slack.lotsen is not None

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(slack.lotsen.chat, "command", broken)
    caplog.set_level(logging.ERROR, logger="bot.adapters.slack.after_ack")
    assert slack.command(ANNA, "/avvikelse").status == 200
    [answer] = slack.fake.wait_for("response_url")
    assert "Något gick fel hos Lotsen" in answer.params["text"]
    [record] = [r for r in caplog.records if r.getMessage() == "work after the ack failed"]
    assert record.exc_info is not None and getattr(record, "request", None) == "/avvikelse"
    assert getattr(record, "incident", "") in answer.params["text"]
    assert slack.fake.calls_to("views.open") == []


def test_background_work_waits_for_a_lull_after_the_last_ack_and_no_longer_than_its_limit() -> None:
    import threading
    import time

    from bot.adapters.slack import after_ack

    worker = after_ack.AfterAck("xoxb-test", "http://127.0.0.1:9/api/")
    try:
        with worker.acking():
            pass
        answered = time.monotonic()
        worker.wait_for_acks()  # the in-process dispatcher, before each post
        assert time.monotonic() - answered >= after_ack.BACKGROUND_QUIET_SECONDS

        # A request that stays in flight: background work goes on after MAX_DEFER_SECONDS anyway.
        held, release = threading.Event(), threading.Event()

        def answering() -> None:
            with worker.acking():
                held.set()
                release.wait(5)

        thread = threading.Thread(target=answering)
        thread.start()
        held.wait(5)
        started = time.monotonic()
        worker.wait_for_acks()
        waited = time.monotonic() - started
        release.set()
        thread.join()
        assert after_ack.MAX_DEFER_SECONDS <= waited < 5
    finally:
        worker.shutdown()
