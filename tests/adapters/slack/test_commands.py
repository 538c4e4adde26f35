"""Slash commands.

Scenarios: signed requests to the real Bolt app over HTTP; its Web API calls land on a fake Slack.
"""

from __future__ import annotations

import json

from sqlmodel import select

from storage.models import Person
from tests.adapters.slack.scenarios import ANNA, ERIK, MARIA, choice, index_demo, json_text
from tests.support.slack import SlackHarness


def test_slash_command_opens_the_form(slack: SlackHarness) -> None:
    response = slack.command(ANNA, "/avvikelse")
    assert response.status == 200
    [call] = slack.fake.wait_for("views.open")
    assert call.token == "xoxb-test-token"
    assert call.params["trigger_id"].startswith("trigger.")
    view = call.params["view"]
    assert view["callback_id"] == "avvikelse_new" and view["title"]["text"] == "Rapportera avvikelse"
    block_ids = [b.get("block_id") for b in view["blocks"] if b["type"] == "input"]
    assert block_ids[:3] == ["event_date", "unit", "subject"]
    unit = next(b for b in view["blocks"] if b.get("block_id") == "unit")
    assert unit["element"]["initial_option"]["value"] == "MOTT"


def test_unknown_user_is_told_what_to_do(slack: SlackHarness) -> None:
    response = slack.command("U0NOBODY", "/avvikelse")
    assert response.status == 200
    [answer] = slack.fake.wait_for("response_url")
    assert "finns inte i Lotsens organisation" in answer.params["text"]
    assert [c.params["user"] for c in slack.fake.calls_to("users.info")] == ["U0NOBODY"]
    assert slack.fake.calls_to("views.open") == []


def test_user_found_by_email_gets_their_slack_id_remembered(slack: SlackHarness) -> None:
    with slack.lotsen.db.session() as s:
        erik = s.exec(select(Person).where(Person.key == "hl.erik")).one()
        erik.slack_user_id = None
        s.add(erik)
    slack.fake.emails["U0NEWERIK"] = "erik.handlaggare@demo.lotsen.se"
    assert slack.command("U0NEWERIK", "/avvikelse").status == 200
    assert slack.fake.wait_for("views.open")
    with slack.lotsen.db.session() as s:
        assert s.exec(select(Person).where(Person.key == "hl.erik")).one().slack_user_id == "U0NEWERIK"


def test_command_acks_at_once_and_answers_ephemerally_via_response_url(slack: SlackHarness) -> None:
    response = slack.command(MARIA, "/avvikelse", "lista")
    assert response.status == 200 and response.body == ""
    [answer] = slack.fake.wait_for("response_url")
    body = answer.params
    assert body["response_type"] == "ephemeral"
    assert body["blocks"][0]["type"] == "header" and "Dina avvikelser" in body["blocks"][0]["text"]["text"]


def test_rutin_command_answers_with_source_and_feedback_buttons(slack: SlackHarness) -> None:
    index_demo(slack)
    slack.command(ERIK, "/rutin", "vem beslutar att inte inleda utredning")
    [answer] = slack.fake.wait_for("response_url")
    text = json_text(answer.params["blocks"])
    assert "forhandsbedomning.docx" in text and "Enhetschef mottagningen" in text
    buttons = [e for b in answer.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"].split("#")[0] for b in buttons] == ["rutin:up", "rutin:down", "rutin:more"]
    slack.click(ERIK, buttons[1]["action_id"], buttons[1]["value"])
    # 👎 is stored at once and opens "Vilken rutin borde det ha varit?" (issue 11)
    [opened] = slack.fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == "rutin_suggest" and "Vilken rutin borde det ha varit?" in json_text(view)
    assert slack.lotsen is not None
    [row] = slack.lotsen.rutiner.feedback_summary()
    assert (row.document, row.not_helpful) == ("forhandsbedomning.docx", 1)
    slack.submit_view(ERIK, "rutin_suggest", {"suggested": "Delegationsordningen"},
                      metadata=json.loads(view["private_metadata"]), view_id="VS")
    [row] = slack.lotsen.rutiner.feedback_summary()
    assert row.suggested == ["vem beslutar att inte inleda utredning → Delegationsordningen"]


def test_a_form_slack_refuses_to_open_is_explained(slack: SlackHarness) -> None:
    slack.fake.fail_methods["views.open"] = "expired_trigger_id"
    slack.command(ANNA, "/avvikelse")
    [answer] = slack.fake.wait_for("response_url")
    assert "kunde inte öppnas" in answer.params["text"]


def test_lexsarah_command_opens_its_form_and_a_report_reaches_the_responsible(slack: SlackHarness) -> None:
    slack.command(ERIK, "/lexsarah")
    [opened] = slack.fake.wait_for("views.open")
    assert opened.params["view"]["callback_id"] == "lexsarah_new"
    form = {"event_date": "2026-11-18", "noticed_date": "2026-11-19", "unit": choice("UTR1"),
            "what_happened": "Beslutad insats har inte startat på två månader.", "consequence": "Behov ej mötta.",
            "immediate_action": "Kontaktade utföraren.", "case_reference": None}
    body = slack.submit_view(ERIK, "lexsarah_new", form, view_id="VLX").json()
    assert body["response_action"] == "update" and "LXS-2026-0001" in json_text(body["view"])
    posts = slack.fake.wait_for("chat.postMessage", count=2)
    assert sorted(p.params["channel"] for p in posts) == sorted([ERIK, "U0DEMOKV01"])
    assert all("insats" not in json_text(p.params) for p in posts)
