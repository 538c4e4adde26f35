"""Scenario tests: signed Slack requests to the real Bolt app over HTTP, Web API calls on a fake Slack."""

from __future__ import annotations

import time

from sqlmodel import select

from storage.models import Avvikelse, Person
from tests.support.slack import SlackHarness
from tests.support.slack import select as choice

ANNA, MARIA, ERIK = "U0DEMOME01", "U0DEMOEC01", "U0DEMOHL02"

FORM = {
    "event_date": "2026-11-20",
    "unit": choice("MOTT"),
    "subject": choice("organisatorisk"),
    "origin": choice("intern"),
    "category": choice("Dokumentation"),
    "what_happened": "Journalanteckning fördes in tre veckor för sent.",
    "consequence": "Kollegor saknade information.",
    "immediate_action": "Anteckningen fördes in.",
    "case_reference": "SN 2026/0412",
}


def reports(slack: SlackHarness) -> list[Avvikelse]:
    with slack.lotsen.db.session() as s:
        return list(s.exec(select(Avvikelse)))


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


def test_requests_with_a_bad_signature_or_old_timestamp_are_rejected(slack: SlackHarness) -> None:
    body = "command=%2Favvikelse&user_id=U0DEMOME01&text=&trigger_id=t"
    forged = slack.post(body, "application/x-www-form-urlencoded", slack.signed_headers(body, secret="wrong"))
    stale = slack.post(body, "application/x-www-form-urlencoded",
                       slack.signed_headers(body, timestamp=int(time.time()) - 3600))
    unsigned = slack.post(body, "application/x-www-form-urlencoded", {})
    assert (forged.status, stale.status, unsigned.status) == (401, 401, 401)
    time.sleep(0.2)
    assert slack.fake.calls_to("views.open") == []


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


def test_measure_form_takes_a_slack_user(slack: SlackHarness) -> None:
    slack.submit_view(ANNA, "avvikelse_new", FORM, view_id="VF")
    body = slack.submit_view(MARIA, "avvikelse_measure",
                             {"description": "Ta upp rutinen på APT.", "responsible": "U0DEMOTL01",
                              "due_date": "2027-06-01"},
                             metadata={"number": "AVV-2026-0001"}, view_id="VM").json()
    assert body["response_action"] == "update" and "Sara Team" in json_text(body["view"])


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


def test_health_endpoint_and_unknown_paths(slack: SlackHarness) -> None:
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(slack.base + "/healthz", timeout=5) as r:
        assert r.status == 200
    try:
        urllib.request.urlopen(slack.base + "/other", timeout=5)
        raise AssertionError("expected 404")
    except urllib.error.HTTPError as exc:
        assert exc.code == 404


def json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _index_demo(slack: SlackHarness) -> None:
    from bot.demo.seed import ensure_demo_catalogue

    assert slack.lotsen is not None
    ensure_demo_catalogue(slack.lotsen)


def test_rutin_command_answers_with_source_and_feedback_buttons(slack: SlackHarness) -> None:
    _index_demo(slack)
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
    import json

    slack.submit_view(ERIK, "rutin_suggest", {"suggested": "Delegationsordningen"},
                      metadata=json.loads(view["private_metadata"]), view_id="VS")
    [row] = slack.lotsen.rutiner.feedback_summary()
    assert row.suggested == ["vem beslutar att inte inleda utredning → Delegationsordningen"]


def test_direct_message_and_mention_are_routine_questions(slack: SlackHarness) -> None:
    _index_demo(slack)
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
    _index_demo(slack)
    slack.command(ANNA, "/rutin", "vad gäller för 121212-1212")
    [answer] = slack.fake.wait_for("response_url")
    assert "personnummer" in answer.params["text"] and "1212" not in answer.params["text"]


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
