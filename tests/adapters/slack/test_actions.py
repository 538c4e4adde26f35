"""Buttons (block_actions).

Scenarios: signed requests to the real Bolt app over HTTP; its Web API calls land on a fake Slack.
"""

from __future__ import annotations

from tests.adapters.slack.scenarios import ANNA, ERIK, FORM, MARIA, json_text
from tests.support.slack import SlackHarness, select


def test_chef_buttons_open_forms_and_a_double_click_changes_nothing(slack: SlackHarness) -> None:
    slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VF")
    assert slack.click(MARIA, "avvikelse:start#1", "AVV-2026-0001").status == 200
    [opened] = slack.fake.wait_for("views.open")
    assert opened.params["view"]["callback_id"] == "avvikelse_investigation"
    assert slack.click(MARIA, "avvikelse:start#1", "AVV-2026-0001").status == 200
    [answer] = slack.fake.wait_for("response_url")
    assert "redan påbörjad" in answer.params["text"]
    assert answer.params["response_type"] == "ephemeral" and answer.params["replace_original"] is False
    assert len(slack.fake.calls_to("views.open")) == 1


def test_someone_else_clicking_open_is_refused(slack: SlackHarness) -> None:
    slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VF")
    slack.click(ERIK, "avvikelse:open#0", "AVV-2026-0001")
    [answer] = slack.fake.wait_for("response_url")
    assert "inte behörighet" in answer.params["text"] and "Journalanteckning" not in json_text(answer.params)


def test_open_from_app_home_shows_the_report_in_a_modal(slack: SlackHarness) -> None:
    slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VF")
    slack.click(MARIA, "avvikelse:open#0", "AVV-2026-0001", from_home=True)
    [opened] = slack.fake.wait_for("views.open")
    assert "Journalanteckning" in json_text(opened.params["view"])


def test_a_button_inside_a_modal_pushes_the_next_view(slack: SlackHarness) -> None:
    slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VF")
    slack.click(MARIA, "avvikelse:start#0", "AVV-2026-0001", from_home=True)
    slack.fake.wait_for("views.open")
    slack.click(MARIA, "avvikelse:measure#1", "AVV-2026-0001", from_modal=True)
    [pushed] = slack.fake.wait_for("views.push")
    assert pushed.params["view"]["callback_id"] == "avvikelse_measure"
    assert len(slack.fake.calls_to("views.open")) == 1


def test_app_home_offers_quick_actions_that_open_the_forms(slack: SlackHarness) -> None:
    slack.event({"type": "app_home_opened", "user": ANNA, "channel": "D0BOT", "tab": "home"}, event_id="EvH2")
    [home] = slack.fake.wait_for("views.publish")
    buttons = [e for b in home.params["view"]["blocks"] if b["type"] == "actions" for e in b["elements"]]
    new_report = next(b for b in buttons if b["action_id"].startswith("avvikelse:new"))
    slack.click(ANNA, new_report["action_id"], new_report["value"], from_home=True)
    [opened] = slack.fake.wait_for("views.open")
    assert opened.params["view"]["callback_id"] == "avvikelse_new"
    frist = next(b for b in buttons if b["action_id"].startswith("frist:new"))
    slack.click(ANNA, frist["action_id"], frist["value"], from_home=True)
    assert slack.fake.wait_for("views.open", count=2)[-1].params["view"]["callback_id"] == "frist_new"


def test_hand_over_lists_only_the_chefs_who_may_take_it_and_takes_one_of_them(slack: SlackHarness) -> None:
    slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VH")
    assert slack.click(MARIA, "avvikelse:handover#0", "AVV-2026-0001").status == 200
    [opened] = slack.fake.wait_for("views.open")
    [to] = [b for b in opened.params["view"]["blocks"] if b.get("block_id") == "to"]
    element = to["element"]
    assert element["type"] == "static_select"  # not every member of the workspace
    assert [o["value"] for o in element["options"]] == ["ec.jonas", "vc.karin", "ec.maria"]  # by name
    assert element["options"][0]["text"]["text"] == "Jonas Enhet, Utredningsenhet 1"
    body = slack.submit_view(MARIA, "avvikelse_handover", {"to": select("ec.jonas"), "reason": "Jäv."},
                             metadata={"number": "AVV-2026-0001"}, view_id="VH2").json()
    assert body["response_action"] == "update" and "Jonas Enhet" in json_text(body["view"])
