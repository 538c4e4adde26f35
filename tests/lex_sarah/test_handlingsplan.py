"""Handlingsplan reminders through the outbox: before the planned date and when the follow-up is due,
number and dates only; done, snooze, pass on; ignored reminders escalate to the verksamhetschef and the
lex Sarah-ansvariga, once."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from bot.app import Lotsen
from bot.clock import to_local
from bot.reminders.planner import plan_morning
from bot.reminders.schedule import MORNING_JOBS
from storage.models import Person
from tests.lex_sarah.helpers import (
    MEASURE_TEXT,
    act,
    add_measure,
    audit,
    decide,
    file,
    measures,
    outbox,
    submit,
    text,
    to_position,
)


@pytest.fixture
def planned(lotsen: Lotsen, people: dict[str, Person]) -> int:
    petra = people["kv.petra"]
    file(lotsen, people["hl.lina"])
    to_position(lotsen, petra, "missforhallande")
    decide(lotsen, petra)
    assert add_measure(lotsen, petra, "ec.maria", "2026-12-21", "2027-01-15").ok
    [measure] = measures(lotsen)
    assert measure.id is not None
    return measure.id


def pending(lotsen: Lotsen, kind: str) -> list[object]:
    return [o for o in outbox(lotsen, kind) if o.status == "pending"]


def test_the_responsible_is_reminded_before_the_planned_date_without_the_text(
        lotsen: Lotsen, people: dict[str, Person], planned: int) -> None:
    [reminder] = pending(lotsen, "lexsarah_atgard")
    assert reminder.recipient_id == people["ec.maria"].id  # type: ignore[attr-defined]
    # three working days before 2026-12-21 (a Monday) is Wednesday 2026-12-16, at the start of the day
    assert to_local(reminder.due_at).date() == date(2026, 12, 16)  # type: ignore[attr-defined]
    payload = str(reminder.payload)  # type: ignore[attr-defined]
    assert "LXS-2026-0001" in payload and "2026-12-21" in payload
    assert MEASURE_TEXT not in payload and "insats" not in payload
    labels = [b["label"] for b in reminder.payload["buttons"]]  # type: ignore[attr-defined]
    assert labels == ["Visa åtgärden", "Klar", "Påminn om en vecka", "Lämna över"]


def test_done_plans_the_follow_up_reminder(lotsen: Lotsen, people: dict[str, Person], planned: int) -> None:
    maria = people["ec.maria"]
    assert "är klar" in text(act(lotsen, maria, "measure_done", str(planned)))
    [follow] = pending(lotsen, "lexsarah_atgard")
    assert to_local(follow.due_at).date() == date(2027, 1, 15)  # type: ignore[attr-defined]
    assert "ska följas upp" in follow.payload["text"]  # type: ignore[attr-defined]
    assert "Uppföljning gjord" in str(follow.payload)  # type: ignore[attr-defined]
    assert "redan avslutad" in text(act(lotsen, maria, "measure_done", str(planned)))
    result = submit(lotsen, maria, "lexsarah_followup", {"result": "Fungerar."}, context={"measure": str(planned)})
    assert result.ok and pending(lotsen, "lexsarah_atgard") == []
    [m] = measures(lotsen)
    assert (m.done_on, m.follow_up_done_on, m.follow_up_result) == (date(2026, 12, 10), date(2026, 12, 10),
                                                                    "Fungerar.")


def test_snooze_moves_the_one_reminder(lotsen: Lotsen, people: dict[str, Person], planned: int) -> None:
    reply = act(lotsen, people["ec.maria"], "measure_snooze", str(planned))
    assert "2026-12-17" in text(reply)  # a week from today, a working day
    [reminder] = pending(lotsen, "lexsarah_atgard")
    assert to_local(reminder.due_at).date() == date(2026, 12, 17)  # type: ignore[attr-defined]
    assert "Bara den ansvariga" in text(act(lotsen, people["tl.sara"], "measure_snooze", str(planned)))
    assert [a.action for a in audit(lotsen)].count("nekad_atgard") == 1


def test_pass_on_to_another_person(lotsen: Lotsen, people: dict[str, Person], planned: int) -> None:
    maria = people["ec.maria"]
    form = act(lotsen, maria, "measure_pass", str(planned)).form
    assert form is not None and form.context == {"measure": str(planned)}
    ctx = {"measure": str(planned)}
    assert "Ingen aktiv person" in submit(lotsen, maria, "lexsarah_pass", {"to": "okänd"}, context=ctx).errors["to"]
    assert "redan ansvarig" in submit(lotsen, maria, "lexsarah_pass", {"to": "ec.maria"}, context=ctx).errors["to"]
    passed = submit(lotsen, maria, "lexsarah_pass", {"to": "tl.sara"}, context=ctx)
    assert "Sara Team" in text(passed)
    [reminder] = pending(lotsen, "lexsarah_atgard")
    assert reminder.recipient_id == people["tl.sara"].id  # type: ignore[attr-defined]
    assert "Bara den ansvariga" in text(act(lotsen, maria, "measure_done", str(planned)))


def test_ignored_reminders_escalate_once_to_the_verksamhetschef_and_lex_sarah_ansvariga(
        lotsen: Lotsen, people: dict[str, Person], planned: int, frozen: time_machine.Traveller) -> None:
    assert any("lex Sarah" in job.name for job in MORNING_JOBS)
    plan_morning(lotsen, date(2026, 12, 22))
    assert outbox(lotsen, "lexsarah_eskalering") == []  # the planned date has only just passed
    frozen.move_to("2026-12-30 07:00 +01:00")
    plan_morning(lotsen)
    told = outbox(lotsen, "lexsarah_eskalering")
    assert sorted(o.recipient_id for o in told) == sorted([people["vc.karin"].id, people["kv.petra"].id])
    assert all(MEASURE_TEXT not in str(o.payload) and "Maria Enhet" in o.payload["text"] for o in told)
    plan_morning(lotsen)
    assert len(outbox(lotsen, "lexsarah_eskalering")) == 2
    assert len(outbox(lotsen, "lexsarah_atgard")) == 1  # the morning job fills gaps, it does not repeat


def test_a_snoozed_reminder_escalates_from_its_new_date(lotsen: Lotsen, people: dict[str, Person], planned: int,
                                                        frozen: time_machine.Traveller) -> None:
    frozen.move_to("2026-12-28 09:00 +01:00")
    act(lotsen, people["ec.maria"], "measure_snooze", str(planned))  # to 2027-01-04
    plan_morning(lotsen, date(2027, 1, 5))
    assert outbox(lotsen, "lexsarah_eskalering") == []
    plan_morning(lotsen, date(2027, 1, 13))
    assert len(outbox(lotsen, "lexsarah_eskalering")) == 2


def test_closing_cancels_what_is_planned(lotsen: Lotsen, people: dict[str, Person], planned: int) -> None:
    petra = people["kv.petra"]
    submit(lotsen, petra, "lexsarah_followup", {"result": "Klart och fungerar."}, context={"measure": str(planned)})
    assert "avslutad" in text(act(lotsen, petra, "close_confirm"))
    assert pending(lotsen, "lexsarah_atgard") == []
    assert "avslutad" in text(act(lotsen, people["ec.maria"], "measure_snooze", str(planned)))
