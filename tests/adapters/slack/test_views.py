"""Form submissions (view_submission).

Scenarios: signed requests to the real Bolt app over HTTP; its Web API calls land on a fake Slack.
"""

from __future__ import annotations

import time

from tests.adapters.slack.scenarios import ANNA, FORM, MARIA, json_text, reports
from tests.support.slack import SlackHarness


def test_submission_stores_the_report_and_notifies_reporter_and_chef(slack: SlackHarness) -> None:
    response = slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VFORM1")
    assert response.status == 200
    body = response.json()
    assert body["response_action"] == "update"
    assert "AVV-2026-0001" in json_text(body["view"])
    [report] = reports(slack)
    assert report.number == "AVV-2026-0001" and report.reported_by_id is not None
    posts = slack.fake.wait_for("chat.postMessage", count=2)
    assert sorted(p.params["channel"] for p in posts) == sorted([ANNA, MARIA])
    for post in posts:  # DMs carry number, unit, category and dates; never the description
        assert "Journalanteckning" not in json_text(post.params)
    chef_dm = next(p for p in posts if p.params["channel"] == MARIA)
    action_ids = [e["action_id"] for b in chef_dm.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [a.split("#")[0] for a in action_ids] == ["avvikelse:open", "avvikelse:start", "avvikelse:handover"]


def test_invalid_submission_comes_back_with_field_errors_and_stores_nothing(slack: SlackHarness) -> None:
    bad = {**FORM, "what_happened": "Barnet 19121212-1212 fick vänta", "event_date": "2999-01-01"}
    body = slack.submit_view(ANNA, "avvikelse_new", bad).json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"what_happened", "event_date"}
    assert "personnummer" in body["errors"]["what_happened"]
    assert reports(slack) == []


def test_double_submission_of_the_same_view_stores_one_report(slack: SlackHarness) -> None:
    first = slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VSAME")
    second = slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VSAME")
    assert first.status == second.status == 200
    assert len(reports(slack)) == 1
    time.sleep(0.5)
    assert len(slack.fake.calls_to("chat.postMessage")) == 2


def test_measure_form_takes_a_slack_user(slack: SlackHarness) -> None:
    slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VF")
    body = slack.submit_view(MARIA, "avvikelse_measure",
                             {"description": "Ta upp rutinen på APT.", "responsible": "U0DEMOTL01",
                              "due_date": "2027-06-01"},
                             metadata={"number": "AVV-2026-0001"}, view_id="VM").json()
    assert body["response_action"] == "update" and "Sara Team" in json_text(body["view"])
