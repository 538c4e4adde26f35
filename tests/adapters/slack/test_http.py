"""The HTTP endpoint itself: signatures, health.

Scenarios: signed requests to the real Bolt app over HTTP; its Web API calls land on a fake Slack.
"""

from __future__ import annotations

import time

from tests.support.slack import SlackHarness


def test_requests_with_a_bad_signature_or_old_timestamp_are_rejected(slack: SlackHarness) -> None:
    body = "command=%2Favvikelse&user_id=U0DEMOME01&text=&trigger_id=t"
    forged = slack.post(body, "application/x-www-form-urlencoded", slack.signed_headers(body, secret="wrong"))
    stale = slack.post(body, "application/x-www-form-urlencoded",
                       slack.signed_headers(body, timestamp=int(time.time()) - 3600))
    unsigned = slack.post(body, "application/x-www-form-urlencoded", {})
    assert (forged.status, stale.status, unsigned.status) == (401, 401, 401)
    time.sleep(0.2)
    assert slack.fake.calls_to("views.open") == []


def test_health_endpoint_and_unknown_paths(slack: SlackHarness) -> None:
    import urllib.request

    with urllib.request.urlopen(slack.base + "/healthz", timeout=5) as r:
        assert r.status == 200
    try:
        urllib.request.urlopen(slack.base + "/other", timeout=5)
        raise AssertionError("expected 404")
    except urllib.error.HTTPError as exc:
        assert exc.code == 404
