"""Follow-up reminders: done, snoozed a week, passed on, and escalated when nobody acts."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from bot.app import Lotsen
from storage.models import Person
from tests.avvikelse.helpers import audit, outbox, values

NUMBER = "AVV-2026-0001"
CLOSE = {"inv_course": "a", "inv_what_went_wrong": "b", "inv_causes": "c", "inv_lex_sarah": "nej",
         "inv_follow_up_date": "2026-12-17", "decision": "avsluta"}


@pytest.fixture
def follow_up(lotsen: Lotsen, people: dict[str, Person]) -> str:
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False):
        lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f", channel="t")
        lotsen.chat.submit(people["ec.maria"], "avvikelse_investigation", {"number": NUMBER}, CLOSE,
                           submission_key="c", channel="t")
        lotsen.chat.submit(people["ec.maria"], "avvikelse_confirm_close", {"number": NUMBER}, {"answer": "avsluta"},
                           submission_key="cc", channel="t")  # no measures: Lotsen asks first
    [reminder] = outbox(lotsen, "avvikelse_uppfoljning")
    return str(reminder.payload["buttons"][1]["value"])


def pending(lotsen: Lotsen, kind: str) -> list[object]:
    return [o for o in outbox(lotsen, kind) if o.status == "pending"]


def test_the_reminder_offers_done_snooze_and_pass_on(lotsen: Lotsen, follow_up: str) -> None:
    [reminder] = outbox(lotsen, "avvikelse_uppfoljning")
    labels = [b["label"] for b in reminder.payload["buttons"]]
    assert labels == ["Visa", "Markera uppföljd", "Påminn om en vecka", "Lämna över"]
    assert reminder.due_at.date() == date(2026, 12, 17)


def test_snooze_moves_the_one_reminder_a_week(lotsen: Lotsen, people: dict[str, Person], follow_up: str) -> None:
    with time_machine.travel("2026-12-17 08:05 +01:00", tick=False):
        reply = lotsen.chat.action(people["ec.maria"], "avvikelse:followup_snooze", follow_up, channel="t")
    assert "2026-12-28" in reply.message.text  # type: ignore[union-attr]  # 24 Dec is julafton → next working day
    [left] = pending(lotsen, "avvikelse_uppfoljning")
    assert left.due_at.date() == date(2026, 12, 28)  # type: ignore[attr-defined]
    assert audit(lotsen, NUMBER)[-1].action == "uppfoljning_uppskjuten"
    denied = lotsen.chat.action(people["me.anna"], "avvikelse:followup_snooze", follow_up, channel="t")
    assert "tillhör någon annan" in denied.message.text  # type: ignore[union-attr]


def test_pass_on_to_another_chef(lotsen: Lotsen, people: dict[str, Person], follow_up: str) -> None:
    form = lotsen.chat.action(people["ec.maria"], "avvikelse:followup_pass", follow_up, channel="t").form
    assert form is not None and form.id == "avvikelse_followup_pass"
    bad = lotsen.chat.submit(people["ec.maria"], form.id, form.context, {"to": "hl.lina"}, submission_key="p",
                             channel="t")
    assert "inte enhetschef" in bad.errors["to"]  # type: ignore[attr-defined]
    ok = lotsen.chat.submit(people["ec.maria"], form.id, form.context, {"to": "ec.jonas"}, submission_key="p",
                            channel="t")
    assert "Jonas Enhet" in ok.message.text  # type: ignore[union-attr]
    [left] = pending(lotsen, "avvikelse_uppfoljning")
    assert left.recipient_id == people["ec.jonas"].id  # type: ignore[attr-defined]
    assert "klar" in lotsen.chat.action(people["ec.jonas"], "avvikelse:followup_done", follow_up,
                                        channel="t").message.text  # type: ignore[union-attr]
    assert pending(lotsen, "avvikelse_uppfoljning") == []


def test_escalation_after_five_working_days_goes_to_the_verksamhetschef_once(
    lotsen: Lotsen, people: dict[str, Person], follow_up: str
) -> None:
    # Due thu 17 dec. Working days after it: 18, 21, 22, 23 and (julafton, juldagen, weekend) mon 28 dec.
    assert lotsen.follow_ups.escalate_overdue(date(2026, 12, 23)) == 0
    assert lotsen.follow_ups.escalate_overdue(date(2026, 12, 28)) == 1
    assert lotsen.follow_ups.escalate_overdue(date(2026, 12, 29)) == 0  # once
    [escalation] = outbox(lotsen, "avvikelse_eskalering")
    assert escalation.recipient_id == people["vc.karin"].id
    assert "Maria Enhet" in escalation.payload["text"] and "Journalanteckning" not in str(escalation.payload)
    # The verksamhetschef may close it from the escalation.
    assert "klar" in lotsen.chat.action(people["vc.karin"], "avvikelse:followup_done", follow_up,
                                        channel="t").message.text  # type: ignore[union-attr]


def test_a_done_follow_up_is_never_escalated(lotsen: Lotsen, people: dict[str, Person], follow_up: str) -> None:
    lotsen.chat.action(people["ec.maria"], "avvikelse:followup_done", follow_up, channel="t")
    assert lotsen.follow_ups.escalate_overdue(date(2027, 2, 1)) == 0
