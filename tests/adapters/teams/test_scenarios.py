"""Scenario tests: activities signed like Azure Bot Service's, posted to the real Teams runtime; replies and
proactive messages captured by the fake Bot Connector."""

from __future__ import annotations

import time

import pytest
from sqlmodel import select

from storage.models import AuditEntry, Avvikelse, Person, TeamsConversation
from tests.support.teams import (
    ANNA_AAD,
    ERIK_AAD,
    MARIA_AAD,
    TeamsHarness,
    activity,
    button_data,
    card_text,
    dialog_card,
    dialog_open,
    dialog_submit,
    is_launcher,
    message,
    personal_conversation,
)

FORM = {
    "event_date": "2026-11-20", "unit": "MOTT", "subject": "organisatorisk", "origin": "intern",
    "category": "Dokumentation", "what_happened": "Journalanteckning fördes in tre veckor för sent.",
    "consequence": "Kollegor saknade information.", "immediate_action": "Anteckningen fördes in.",
    "case_reference": "SN 2026/0412",
}
CONTENT = "Journalanteckning"


def reports(teams: TeamsHarness) -> list[Avvikelse]:
    with teams.lotsen.db.session() as s:
        return list(s.exec(select(Avvikelse)))


def install(teams: TeamsHarness, aad: str, action: str = "add") -> None:
    """The app installed for a person (admin policy or the person): Teams sends installationUpdate."""
    body = activity(teams.fake, aad, kind="installationUpdate")
    body["action"] = action
    assert teams.post(body).status == 200


def open_new_report_form(teams: TeamsHarness, aad: str = ANNA_AAD) -> dict[str, object]:
    before = len(teams.fake.sent)
    teams.post(message(teams.fake, aad, "avvikelse"))
    launcher = teams.fake.wait_for_launcher(after=before)
    response = teams.post(dialog_open(teams.fake, aad, button_data(launcher.cards()[0], "Öppna")))
    assert response.status == 200
    return dialog_card(response)


def submit(teams: TeamsHarness, aad: str, form_card: dict[str, object], values: dict[str, str]) -> object:
    action = form_card["actions"][0]  # type: ignore[index]
    return teams.post(dialog_submit(teams.fake, aad, {**action["data"], **values}))


def test_a_typed_command_posts_a_launcher_and_the_form_opens_in_a_dialog(teams: TeamsHarness) -> None:
    form = open_new_report_form(teams)
    inputs = [e for e in form["body"] if str(e["type"]).startswith("Input.")]  # type: ignore[index]
    assert [e["id"] for e in inputs][:3] == ["event_date", "unit", "subject"]
    assert next(e for e in inputs if e["id"] == "unit")["value"] == "MOTT"  # the reporter's unit preselected
    assert form["version"] == "1.5"


def test_filing_via_dialog_stores_the_report_and_the_chef_is_told_proactively_without_content(
        teams: TeamsHarness) -> None:
    install(teams, MARIA_AAD)  # the chef never wrote to Lotsen; the install gave her conversation
    form = open_new_report_form(teams)
    result = submit(teams, ANNA_AAD, form, FORM)
    receipt = dialog_card(result)  # type: ignore[arg-type]
    assert "AVV-2026-0001" in card_text(receipt)
    [report] = reports(teams)
    assert report.number == "AVV-2026-0001"
    to_chef = teams.fake.wait_for_conversation(personal_conversation(MARIA_AAD))
    assert "AVV-2026-0001" in to_chef[0].text() and CONTENT not in to_chef[0].text()
    buttons = [a["data"]["lotsen_action"] for a in to_chef[0].cards()[0]["actions"]]
    assert buttons[0] == "avvikelse:open"
    assert all(a["data"]["msteams"]["type"] == "task/fetch" for a in to_chef[0].cards()[0]["actions"])


def test_field_errors_come_back_in_the_same_dialog_and_nothing_is_stored(teams: TeamsHarness) -> None:
    form = open_new_report_form(teams)
    bad = {**FORM, "what_happened": "Barnet 19121212-1212 fick vänta", "event_date": "2999-01-01"}
    again = dialog_card(submit(teams, ANNA_AAD, form, bad))  # type: ignore[arg-type]
    text = card_text(again)
    assert "personnummer" in text and "Ingenting har sparats" in text
    fields = {e["id"]: e for e in again["body"] if "id" in e}
    assert fields["consequence"]["value"] == FORM["consequence"]  # what was typed stays
    assert again["actions"][0]["data"]["lotsen_key"] == form["actions"][0]["data"]["lotsen_key"]  # type: ignore[index]
    assert reports(teams) == []


def test_submitting_the_same_dialog_twice_stores_one_report(teams: TeamsHarness) -> None:
    form = open_new_report_form(teams)
    first, second = submit(teams, ANNA_AAD, form, FORM), submit(teams, ANNA_AAD, form, FORM)
    assert first.status == second.status == 200  # type: ignore[attr-defined]
    assert len(reports(teams)) == 1


def test_the_list_is_shown_only_in_a_dialog(teams: TeamsHarness) -> None:
    submit(teams, ANNA_AAD, open_new_report_form(teams), FORM)
    teams.post(message(teams.fake, MARIA_AAD, "avvikelse lista"))
    launcher = teams.fake.wait_for(
        lambda s: is_launcher(s) and s.conversation_id == personal_conversation(MARIA_AAD))
    assert "AVV-2026" not in launcher.text()  # the chat shows a button, not the list
    listing = dialog_card(teams.post(dialog_open(teams.fake, MARIA_AAD, button_data(launcher.cards()[0]))))
    assert "Att utreda" in card_text(listing) and "AVV-2026-0001" in card_text(listing)


def test_opening_a_report_shows_content_only_to_someone_allowed(teams: TeamsHarness) -> None:
    submit(teams, ANNA_AAD, open_new_report_form(teams), FORM)
    data = {"lotsen_action": "avvikelse:open", "lotsen_value": "AVV-2026-0001", "msteams": {"type": "task/fetch"}}
    shown = dialog_card(teams.post(dialog_open(teams.fake, MARIA_AAD, data)))
    assert CONTENT in card_text(shown)
    refused = dialog_card(teams.post(dialog_open(teams.fake, ERIK_AAD, data)))
    assert "inte behörighet" in card_text(refused) and CONTENT not in card_text(refused)
    with teams.lotsen.db.session() as s:
        audited = {(e.action, e.channel) for e in s.exec(select(AuditEntry))}
    assert {("visad", "teams"), ("nekad_visning", "teams")} <= audited
    assert all(CONTENT not in s.text() for s in teams.fake.sent)  # nothing with content went to a chat


def test_a_command_in_a_channel_posts_no_content_and_answers_whoever_clicks(teams: TeamsHarness) -> None:
    submit(teams, ANNA_AAD, open_new_report_form(teams), FORM)
    teams.post(message(teams.fake, MARIA_AAD, "<at>Lotsen</at> avvikelse visa AVV-2026-0001", channel=True))
    in_channel = teams.fake.wait_for(lambda s: s.conversation_id.startswith("19:"))
    assert in_channel.conversation_id.startswith("19:") and CONTENT not in in_channel.text()
    # Sent, not ctx.reply: a reply would quote the person's message (here a case number) in the channel.
    assert "quoted" not in in_channel.text() and "replyToId" not in in_channel.body
    data = button_data(in_channel.cards()[0])
    assert CONTENT in card_text(dialog_card(teams.post(dialog_open(teams.fake, MARIA_AAD, data, channel=True))))
    other = dialog_card(teams.post(dialog_open(teams.fake, ERIK_AAD, data, channel=True)))
    assert CONTENT not in card_text(other)


def test_a_routine_question_is_answered_in_the_chat_with_its_source(teams: TeamsHarness) -> None:
    from bot.demo.seed import ensure_demo_catalogue

    ensure_demo_catalogue(teams.lotsen)
    teams.post(message(teams.fake, ERIK_AAD, "vem beslutar att inte inleda utredning"))
    [answer] = teams.fake.wait_for_sent(1)
    assert "forhandsbedomning.docx" in answer.text()
    feedback = next(a for a in answer.cards()[0]["actions"] if a["data"]["lotsen_action"] == "rutin:down")
    # 👎 is stored at once and asks, in a dialog, which routine it should have been (issue 11).
    asked = teams.post(dialog_open(teams.fake, ERIK_AAD, {**feedback["data"]}))
    assert "Vilken rutin borde det ha varit?" in card_text(dialog_card(asked))
    assert [(r.document, r.not_helpful) for r in teams.lotsen.rutiner.feedback_summary()] == [
        ("forhandsbedomning.docx", 1)]
    teams.post(message(teams.fake, ANNA_AAD, "<at>Lotsen</at> rutin hur rapporterar jag en avvikelse", channel=True))
    in_channel = teams.fake.wait_for(lambda s: s.conversation_id.startswith("19:"))
    assert in_channel.conversation_id.startswith("19:") and "rutin_avvikelser.md" in in_channel.text()


def test_an_unknown_teams_user_is_told_in_swedish(teams: TeamsHarness) -> None:
    stranger = "bbbbbbbb-0000-4000-8000-00000000dead"
    teams.post(message(teams.fake, stranger, "avvikelse"))
    [answer] = teams.fake.wait_for_sent(1)
    assert "finns inte i Lotsens organisation" in answer.text()
    opened = teams.post(dialog_open(teams.fake, stranger, {"lotsen_command": "avvikelse", "lotsen_text": ""}))
    assert "finns inte i Lotsens organisation" in card_text(dialog_card(opened))


def test_first_contact_and_install_store_the_conversation_reference(teams: TeamsHarness) -> None:
    install(teams, MARIA_AAD)
    teams.post(message(teams.fake, ANNA_AAD, "hjälp"))
    teams.fake.wait_for_sent(1)
    with teams.lotsen.db.session() as s:
        rows = {r.aad_object_id: r for r in s.exec(select(TeamsConversation))}
    assert set(rows) == {MARIA_AAD, ANNA_AAD}
    assert rows[ANNA_AAD].service_url == teams.fake.service_url and rows[ANNA_AAD].conversation_id.startswith("a:")
    install(teams, MARIA_AAD, action="remove")  # uninstalled: no more proactive messages to try
    with teams.lotsen.db.session() as s:
        assert {r.aad_object_id for r in s.exec(select(TeamsConversation))} == {ANNA_AAD}


def test_a_reminder_is_delivered_proactively_and_a_throttled_send_is_retried(teams: TeamsHarness) -> None:
    from bot.clock import utcnow
    from bot.reminders.outbox import plan
    from bot.ui.model import Button, Message

    install(teams, MARIA_AAD)
    with teams.lotsen.db.session() as s:
        maria = s.exec(select(Person).where(Person.key == "ec.maria")).one()
        teams.fake.fail_next.append(429)  # Teams throttles the first try; the outbox tries again
        assert maria.id is not None
        plan(s, key="test:reminder:1", kind="test", recipient_id=maria.id, due_at=utcnow(),
             message=Message(text="Påminnelse: AVV-2026-0001 ska utredas", header="Påminnelse",
                             buttons=(Button("Öppna", "avvikelse:open", "AVV-2026-0001"),)))
    from sqlalchemy import update

    from bot.reminders.outbox import OUTBOX

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with teams.lotsen.db.session() as s:
            row = s.execute(OUTBOX.select().where(OUTBOX.c.key == "test:reminder:1")).one()
            if row.status == "pending" and row.attempts == 1:
                s.execute(update(OUTBOX).where(OUTBOX.c.key == "test:reminder:1").values(due_at=row.created_at))
            if row.status == "sent":
                break
        time.sleep(0.05)
    # A 429 is waited out (Retry-After), not counted as a failed attempt (issue 9).
    assert row.status == "sent" and row.attempts == 0
    [delivered] = teams.fake.wait_for_sent(1)
    assert "Påminnelse" in delivered.text() and delivered.method == "POST"
    assert delivered.conversation_id == personal_conversation(MARIA_AAD)


def test_an_unexpected_error_gives_an_id_to_quote_not_a_traceback(teams: TeamsHarness,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr("bot.adapters.teams.app.resolve_teams_user", broken)
    response = teams.post(dialog_open(teams.fake, ANNA_AAD, {"lotsen_command": "avvikelse", "lotsen_text": ""}))
    assert response.status == 200
    text = card_text(dialog_card(response))
    assert "felkod" in text and "database gone" not in text and "Traceback" not in text
    teams.post(message(teams.fake, ANNA_AAD, "avvikelse"))
    [said] = teams.fake.wait_for_sent(1)
    assert "felkod" in said.text()


def test_a_person_known_by_email_only_is_found_and_their_teams_id_remembered(teams: TeamsHarness) -> None:
    newcomer = "cccccccc-0000-4000-8000-0000000e1111"
    with teams.lotsen.db.session() as s:
        erik = s.exec(select(Person).where(Person.key == "hl.erik")).one()
        erik.teams_user_id = None
        s.add(erik)
        email = erik.email
    assert email
    teams.fake.emails[newcomer] = email.upper()
    opened = teams.post(dialog_open(teams.fake, newcomer, {"lotsen_command": "avvikelse", "lotsen_text": ""}))
    assert dialog_card(opened)["actions"][0]["data"]["lotsen_form"] == "avvikelse_new"
    with teams.lotsen.db.session() as s:
        assert s.exec(select(Person).where(Person.key == "hl.erik")).one().teams_user_id == newcomer


def test_a_submission_with_a_forged_key_is_refused_and_stores_nothing(teams: TeamsHarness) -> None:
    form = open_new_report_form(teams)
    data = {**form["actions"][0]["data"], "lotsen_key": "x" * 500}  # type: ignore[index]
    response = teams.post(dialog_submit(teams.fake, ANNA_AAD, {**data, **FORM}))
    assert response.status == 200 and response.body["task"]["type"] == "message"
    assert reports(teams) == []


def test_the_overview_opens_in_a_dialog_with_quick_actions(teams: TeamsHarness) -> None:
    teams.post(message(teams.fake, MARIA_AAD, "hem"))
    launcher = teams.fake.wait_for_launcher()
    overview = dialog_card(teams.post(dialog_open(teams.fake, MARIA_AAD, button_data(launcher.cards()[0]))))
    assert "Att utreda" in card_text(overview)
    quick = next(e for e in overview["body"] if e["type"] == "ActionSet")["actions"][0]
    form = dialog_card(teams.post(dialog_open(teams.fake, MARIA_AAD, quick["data"])))
    assert form["actions"][0]["data"]["lotsen_form"] == "avvikelse_new"


def test_statistics_in_teams_open_in_a_dialog_for_a_chef_and_are_refused_to_a_medarbetare(
        teams: TeamsHarness) -> None:
    submit(teams, ANNA_AAD, open_new_report_form(teams), FORM)
    teams.post(message(teams.fake, MARIA_AAD, "statistik 2026"))
    launcher = teams.fake.wait_for(
        lambda s: is_launcher(s) and s.conversation_id == personal_conversation(MARIA_AAD))
    shown = card_text(dialog_card(teams.post(dialog_open(teams.fake, MARIA_AAD, button_data(launcher.cards()[0])))))
    assert "Statistik 2026" in shown and "<3" in shown  # one report: a count under 3 is never shown as such
    refused = dialog_card(teams.post(dialog_open(teams.fake, ANNA_AAD, {
        "lotsen_command": "statistik", "lotsen_text": "2026"})))
    assert "Statistik visas för enhetschefer" in card_text(refused) and "<3" not in card_text(refused)
