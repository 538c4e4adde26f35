"""Investigating, closing, reopening, handing over and following up, with permissions and audit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from bot.app import Lotsen
from storage.models import Person
from tests.avvikelse.helpers import audit, outbox, reports, snapshot, values

NOW = "2026-12-10 09:30 +01:00"
NUMBER = "AVV-2026-0001"


@pytest.fixture(autouse=True)
def frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def filed(lotsen: Lotsen, people: dict[str, Person]) -> str:
    result = lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f",
                                channel="test")
    assert result.ok
    return NUMBER


def act(lotsen: Lotsen, who: Person, action: str, value: str = NUMBER) -> object:
    return lotsen.chat.action(who, f"avvikelse:{action}", value, channel="test")


def form(lotsen: Lotsen, who: Person, form_id: str, vals: dict[str, str | None]) -> object:
    return lotsen.chat.submit(who, form_id, {"number": NUMBER}, vals, submission_key=f"{form_id}-x",
                              channel="test")


def close(lotsen: Lotsen, who: Person) -> object:
    """Close with INVESTIGATION; without measures Lotsen asks first, and the answer is yes."""
    result = form(lotsen, who, "avvikelse_investigation", INVESTIGATION)
    asked = getattr(result, "next_form", None)
    if asked is not None and asked.id == "avvikelse_confirm_close":
        return form(lotsen, who, asked.id, {"answer": "avsluta"})
    return result


INVESTIGATION = {
    "inv_course": "Hembesöket dokumenterades inte i tid.",
    "inv_what_went_wrong": "Ingen kontroll av att anteckningen förts in.",
    "inv_causes": "Rutinen saknar ansvar vid frånvaro.",
    "inv_lex_sarah": "nej",
    "inv_follow_up_date": "2027-03-01",
    "decision": "avsluta",
}


@pytest.mark.parametrize(("key", "allowed"), [
    ("me.anna", True), ("ec.maria", True), ("vc.karin", True), ("kv.petra", True),
    ("hl.erik", False), ("tl.sara", False), ("ec.jonas", False), ("hl.lina", False),
])
def test_only_those_who_must_see_a_report_can(
    lotsen: Lotsen, people: dict[str, Person], filed: str, key: str, allowed: bool
) -> None:
    reply = act(lotsen, people[key], "open")
    message = reply.message  # type: ignore[attr-defined]
    if allowed:
        assert message.header == NUMBER and any("Journalanteckning" in s for s in message.sections)
        assert message.context == ("Utreds senast: 6 veckor från tors 10 dec 2026 → tors 21 jan → lokalt mål, "
                                   "flyttas inte",)
        assert audit(lotsen, NUMBER)[-1].action == "visad"
    else:
        assert "inte behörighet" in message.text and "Journalanteckning" not in message.text
        assert audit(lotsen, NUMBER)[-1].action == "nekad_visning"
    assert audit(lotsen, NUMBER)[-1].actor_id == people[key].id


def test_start_twice_changes_nothing_the_second_time(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    first = act(lotsen, people["ec.maria"], "start")
    assert first.form is not None and first.form.id == "avvikelse_investigation"  # type: ignore[attr-defined]
    before = snapshot(lotsen)
    second = act(lotsen, people["ec.maria"], "start")
    assert "redan påbörjad" in second.message.text  # type: ignore[attr-defined]
    assert snapshot(lotsen) == before
    assert [a.action for a in audit(lotsen, NUMBER)] == ["skapad", "utredning_startad"]


def test_only_the_investigator_may_start_or_investigate(
    lotsen: Lotsen, people: dict[str, Person], filed: str
) -> None:
    before = snapshot(lotsen)
    for who in ("me.anna", "vc.karin", "kv.petra"):
        reply = act(lotsen, people[who], "start")
        assert "Bara utredande chef (Maria Enhet)" in reply.message.text  # type: ignore[attr-defined]
        result = form(lotsen, people[who], "avvikelse_investigation", INVESTIGATION)
        assert "Bara utredande chef" in result.message.text  # type: ignore[attr-defined]
    assert snapshot(lotsen) == before


def test_draft_then_measures_then_close_sends_feedback_and_plans_follow_ups(
    lotsen: Lotsen, people: dict[str, Person], filed: str
) -> None:
    maria = people["ec.maria"]
    draft = form(lotsen, maria, "avvikelse_investigation", {"inv_course": "Första anteckning", "decision": "utkast"})
    assert "Utkastet" in draft.message.text  # type: ignore[attr-defined]
    [report] = reports(lotsen)
    assert report.status == "under_utredning" and report.inv_course == "Första anteckning"
    # The draft comes back prefilled.
    reopened_form = act(lotsen, maria, "investigate").form  # type: ignore[attr-defined]
    assert next(f for f in reopened_form.fields if f.id == "inv_course").initial == "Första anteckning"

    added = form(lotsen, maria, "avvikelse_measure",
                 {"description": "Ta upp rutinen på APT.", "responsible": "tl.sara", "due_date": "2027-01-15"})
    assert "Sara Team" in added.message.text  # type: ignore[attr-defined]
    form(lotsen, maria, "avvikelse_measure",
         {"description": "Förtydliga ansvar vid frånvaro.", "responsible": "ec.maria", "due_date": "2027-02-01"})

    closed = form(lotsen, maria, "avvikelse_investigation", INVESTIGATION)
    assert "avslutad" in closed.message.text  # type: ignore[attr-defined]
    [report] = reports(lotsen)
    assert report.status == "avslutad" and report.closed_by_id == maria.id

    [feedback] = outbox(lotsen, "avvikelse_aterkoppling")
    assert feedback.recipient_id == people["me.anna"].id
    # The återkoppling is a DM: how many measures and a button, never what they are.
    assert "klar: 2 åtgärder" in feedback.payload["text"] and "Ta upp rutinen" not in str(feedback.payload)
    assert [b["action_id"] for b in feedback.payload["buttons"]] == ["avvikelse:open"]
    follow_ups = outbox(lotsen, "avvikelse_uppfoljning")
    assert len(follow_ups) == 3  # two measures and the overall follow-up date
    # Reminders go out at 08:00 Stockholm time on the follow-up day (a Friday, 07:00 UTC in winter).
    due = sorted(f.due_at for f in follow_ups)[0]
    assert due == datetime(2027, 1, 15, 7, 0, tzinfo=UTC)
    actions = [a.action for a in audit(lotsen, NUMBER)]
    assert actions == ["skapad", "utredning_startad", "utkast_sparat", "visad", "atgard_tillagd",
                       "atgard_tillagd", "avslutad"] or actions[-1] == "avslutad"
    close_entry = audit(lotsen, NUMBER)[-1]
    assert close_entry.changes["status"] == {"old": "under_utredning", "new": "avslutad"}


def test_closing_needs_every_investigation_field(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    before = snapshot(lotsen)
    result = form(lotsen, people["ec.maria"], "avvikelse_investigation",
                  {**INVESTIGATION, "inv_causes": None, "inv_lex_sarah": None})
    assert set(result.errors) == {"inv_causes", "inv_lex_sarah"}  # type: ignore[attr-defined]
    assert snapshot(lotsen) == before


def test_form_submitted_after_close_is_refused(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    maria = people["ec.maria"]
    close(lotsen, maria)
    before = snapshot(lotsen)
    late = form(lotsen, maria, "avvikelse_investigation", {**INVESTIGATION, "inv_course": "Ändrat"})
    assert "redan avslutad" in late.message.text  # type: ignore[attr-defined]
    late_measure = form(lotsen, maria, "avvikelse_measure",
                        {"description": "Sen åtgärd", "responsible": "tl.sara", "due_date": "2027-01-15"})
    assert "redan avslutad" in late_measure.message.text  # type: ignore[attr-defined]
    assert snapshot(lotsen) == before


def test_reopen_needs_a_chef_and_a_reason(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    maria, karin, anna = people["ec.maria"], people["vc.karin"], people["me.anna"]
    not_closed = form(lotsen, karin, "avvikelse_reopen", {"reason": "Ny information"})
    assert "inte avslutad" in not_closed.message.text  # type: ignore[attr-defined]
    close(lotsen, maria)
    denied = form(lotsen, anna, "avvikelse_reopen", {"reason": "Jag håller inte med"})
    assert "Bara utredande chef eller verksamhetschefen" in denied.message.text  # type: ignore[attr-defined]
    missing = form(lotsen, karin, "avvikelse_reopen", {"reason": " "})
    assert "måste fyllas i" in missing.errors["reason"]  # type: ignore[attr-defined]
    done = form(lotsen, karin, "avvikelse_reopen", {"reason": "Ny information från skolan"})
    assert "öppnad igen" in done.message.text  # type: ignore[attr-defined]
    [report] = reports(lotsen)
    assert report.status == "under_utredning" and report.reopen_count == 1 and report.closed_at is None
    entry = audit(lotsen, NUMBER)[-1]
    assert entry.action == "oppnad_igen" and entry.actor_id == karin.id
    assert entry.changes["reason"] == "Ny information från skolan"
    # Closing again sends a second återkoppling but does not duplicate follow-ups.
    close(lotsen, maria)
    assert len(outbox(lotsen, "avvikelse_aterkoppling")) == 2
    assert len(outbox(lotsen, "avvikelse_uppfoljning")) == 1


def test_hand_over_to_another_chef(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    maria, jonas = people["ec.maria"], people["ec.jonas"]
    before = snapshot(lotsen)
    for to, expected in (("hl.erik", "inte enhetschef"), ("okänd.person", "finns inte"), ("ec.maria", "redan")):
        result = form(lotsen, maria, "avvikelse_handover", {"to": to, "reason": "Semester"})
        assert expected in result.errors["to"], result  # type: ignore[attr-defined]
    assert snapshot(lotsen) == before
    denied = form(lotsen, people["me.anna"], "avvikelse_handover", {"to": "ec.jonas", "reason": "x"})
    assert "Bara utredande chef" in denied.message.text  # type: ignore[attr-defined]
    done = form(lotsen, maria, "avvikelse_handover", {"to": "ec.jonas", "reason": "Jonas har kännedom"})
    assert "Jonas Enhet" in done.message.text  # type: ignore[attr-defined]
    [report] = reports(lotsen)
    assert report.investigator_id == jonas.id
    assigned = outbox(lotsen, "avvikelse_tilldelad")
    assert [a.recipient_id for a in assigned] == [maria.id, jonas.id]
    # Maria no longer investigates it, so she no longer sees it.
    assert "inte behörighet" in act(lotsen, maria, "open").message.text  # type: ignore[attr-defined]


def test_follow_up_done_once(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    maria = people["ec.maria"]
    close(lotsen, maria)
    [reminder] = outbox(lotsen, "avvikelse_uppfoljning")
    follow_up_id = reminder.payload["buttons"][1]["value"]
    assert "tillhör någon annan" in act(lotsen, people["me.anna"], "followup_done", follow_up_id).message.text  # type: ignore[attr-defined]
    assert "klar" in act(lotsen, maria, "followup_done", follow_up_id).message.text  # type: ignore[attr-defined]
    assert outbox(lotsen, "avvikelse_uppfoljning")[0].status == "cancelled"
    assert "redan markerad" in act(lotsen, maria, "followup_done", follow_up_id).message.text  # type: ignore[attr-defined]
    assert "Ogiltig" in act(lotsen, maria, "followup_done", "abc").message.text  # type: ignore[attr-defined]


def test_overview_lists_what_each_person_must_do(
    lotsen: Lotsen, people: dict[str, Person], filed: str, frozen: object
) -> None:
    frozen.move_to("2027-01-25 10:00 +01:00")  # type: ignore[attr-defined]
    maria_view = lotsen.chat.command(people["ec.maria"], "avvikelse", "lista", channel="test").message
    assert maria_view is not None
    assert "AVV-2026-0001" in maria_view.sections[0] and "4 dagar försenad" in maria_view.sections[0]
    anna_view = lotsen.chat.command(people["me.anna"], "avvikelse", "lista", channel="test").message
    assert anna_view is not None and "AVV-2026-0001" in anna_view.sections[2]
    assert "Inget här" in anna_view.sections[0]


def test_unknown_numbers_and_commands(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    maria = people["ec.maria"]
    assert "ingen avvikelse med nummer AVV-2026-0099" in act(lotsen, maria, "open", "AVV-2026-0099").message.text  # type: ignore[attr-defined]
    assert "AVV-2026-0042" in act(lotsen, maria, "open", "hej").message.text  # type: ignore[attr-defined]
    assert "Okänt kommando" in lotsen.chat.command(maria, "avvikelse", "flyga", channel="t").message.text  # type: ignore[union-attr]
    assert "AVV-2026-0042" in lotsen.chat.command(maria, "avvikelse", "visa", channel="t").message.text  # type: ignore[union-attr]
    shown = lotsen.chat.command(maria, "avvikelse", "visa avv-2026-0001", channel="t").message
    assert shown is not None and shown.header == NUMBER


def test_export_rows_hold_every_field_but_no_audit(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    rows = lotsen.avvikelser.export_rows(date(2026, 12, 1), date(2026, 12, 31))
    assert len(rows) == 1
    row = rows[0]
    assert row["nummer"] == NUMBER and row["vad_hande"].startswith("Journalanteckning")  # type: ignore[union-attr]
    assert row["utredande_chef"] == "Maria Enhet" and row["rapporterad_datum"] == "2026-12-10"
    assert not any("audit" in k or "logg" in k for k in row)
    assert lotsen.avvikelser.export_rows(date(2027, 1, 1), None) == []


def test_judged_lex_sarah_tells_the_lex_sarah_responsible_once(
    lotsen: Lotsen, people: dict[str, Person], filed: str
) -> None:
    maria = people["ec.maria"]
    # "Osäker" brings in the lex Sarah-ansvariga too: an unsure case must not fall through.
    form(lotsen, maria, "avvikelse_investigation", {"inv_lex_sarah": "osaker", "decision": "utkast"})
    [unsure] = outbox(lotsen, "avvikelse_lex_sarah")
    assert unsure.recipient_id == people["kv.petra"].id and "osäker" in unsure.payload["text"]
    form(lotsen, maria, "avvikelse_investigation", {"inv_lex_sarah": "ja", "decision": "utkast"})
    form(lotsen, maria, "avvikelse_investigation", {**INVESTIGATION, "inv_lex_sarah": "ja"})
    [told] = outbox(lotsen, "avvikelse_lex_sarah")
    assert told.recipient_id == people["kv.petra"].id
    assert "AVV-2026-0001" in told.payload["text"] and "Journalanteckning" not in str(told.payload)
