"""`/slack/events` trusts nothing before the signature: unsigned → 401, signed but malformed → 400, never a 500
or a traceback in the log, and nothing reaches a listener or Slack's Web API. Through the real HTTP endpoint."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request

import pytest

from tests.support.slack import SlackHarness

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

MALFORMED = {
    "payload not JSON": ("payload=notjson", FORM),
    "payload a list": ("payload=%5B1%2C2%5D", FORM),
    "body not JSON": ("{not json", JSON),
    "JSON a list": ("[1,2]", JSON),
    "empty JSON body": ("", JSON),
    "event_callback without event": (json.dumps({"type": "event_callback", "event_id": "E1"}), JSON),
    "mention without user": (json.dumps({"type": "event_callback", "event_id": "E2",
                                         "event": {"type": "app_mention", "text": "<@U0LOTSENBOT> hej"}}), JSON),
    "dm without user": (json.dumps({"type": "event_callback", "event_id": "E3",
                                    "event": {"type": "message", "channel_type": "im", "text": "hej"}}), JSON),
    "command without user": ("command=%2Favvikelse&text=visa+AVV-2026-0001&trigger_id=t", FORM),
    "command without trigger": ("command=%2Favvikelse&text=&user_id=U0DEMOME01", FORM),
    "block_actions without user": ("payload=" + json.dumps({"type": "block_actions", "actions": []}), FORM),
    "block_actions without actions": ("payload=" + json.dumps({"type": "block_actions", "user": {"id": "U0DEMOME01"}}),
                                      FORM),
    "view_submission without view": ("payload=" + json.dumps({"type": "view_submission",
                                                               "user": {"id": "U0DEMOME01"}}), FORM),
    "view state of the wrong shape": ("payload=" + json.dumps({
        "type": "view_submission", "user": {"id": "U0DEMOME01"},
        "view": {"id": "V1", "callback_id": "avvikelse_new", "state": {"values": {"unit": "MOTT"}}}}), FORM),
    "neither payload nor command": ("foo=bar", FORM),
    "unknown content type": ("hello", "text/plain"),
}


def no_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert bad == [], [r.getMessage() for r in bad]


@pytest.mark.parametrize("name", list(MALFORMED))
def test_signed_but_malformed_is_400(slack: SlackHarness, caplog: pytest.LogCaptureFixture, name: str) -> None:
    body, content_type = MALFORMED[name]
    response = slack.post(body, content_type)
    assert response.status == 400, (name, response)
    time.sleep(0.1)
    assert [c.method for c in slack.fake.calls if c.method != "auth.test"] == []  # type: ignore[union-attr]
    no_tracebacks(caplog)


@pytest.mark.parametrize("name", list(MALFORMED))
def test_unsigned_is_401_whatever_the_body(slack: SlackHarness, caplog: pytest.LogCaptureFixture, name: str) -> None:
    body, content_type = MALFORMED[name]
    assert slack.post(body, content_type, {}).status == 401
    assert slack.post(body, content_type, {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"}
                      ).status == 401
    assert slack.post(body, content_type, slack.signed_headers(body, secret="not-the-secret")).status == 401
    no_tracebacks(caplog)


def raw_post(slack: SlackHarness, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(slack.base + slack.path, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_bytes_that_are_not_utf8_are_400_when_signed(slack: SlackHarness, caplog: pytest.LogCaptureFixture) -> None:
    import hashlib
    import hmac

    body = b"payload=\xff\xfe\x00"
    ts = str(int(time.time()))
    signature = "v0=" + hmac.new(slack.secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": FORM, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
    assert raw_post(slack, body, headers) == 400
    assert raw_post(slack, body, {"Content-Type": FORM}) == 401
    no_tracebacks(caplog)


def test_too_large_is_refused_before_anything_else(slack: SlackHarness) -> None:
    assert raw_post(slack, b"a" * 1_100_000, {"Content-Type": FORM}) == 413


def test_well_formed_requests_still_pass(slack: SlackHarness) -> None:
    assert slack.command("U0DEMOME01", "/avvikelse").status == 200
    assert slack.fake.wait_for("views.open")  # type: ignore[union-attr]
    challenge = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    response = slack.post(challenge, JSON)
    assert response.status == 200 and "abc123" in response.body


def test_a_command_that_mentions_payload_is_still_a_command(slack: SlackHarness) -> None:
    # Bolt's own reader takes any form body containing "payload" for an interactive payload and drops a
    # command's fields (it answered 404). The gate's reading is the one Bolt gets.
    response = slack.command("U0DEMOME01", "/avvikelse", "payload")
    assert response.status == 200, response
    answers = slack.fake.wait_for("response_url")  # type: ignore[union-attr]
    assert answers and "/avvikelse lista" in answers[0].params["text"]  # the command's help: its text was read


def test_bolt_still_checks_the_signature_of_a_body_the_gate_decoded(slack: SlackHarness) -> None:
    from bot.adapters.slack.runner import bolt_request

    assert slack.runtime is not None
    text = "command=%2Favvikelse&text=&user_id=U0DEMOME01&trigger_id=t1&team_id=T1&response_url=x"
    parsed = {"command": "/avvikelse", "text": "", "user_id": "U0DEMOME01", "trigger_id": "t1", "team_id": "T1",
              "response_url": "x"}
    headers = {"content-type": FORM, "x-slack-request-timestamp": str(int(time.time())),
               "x-slack-signature": "v0=" + "0" * 64}
    assert slack.runtime.app.dispatch(bolt_request(text, parsed, headers)).status == 401
    headers |= slack.signed_headers(text)
    headers = {k.lower(): v for k, v in headers.items()}
    assert slack.runtime.app.dispatch(bolt_request(text, parsed, headers)).status == 200
