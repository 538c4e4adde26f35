"""Owners are reminded before and after a routine's review date, once."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.app import Lotsen
from bot.reminders.routine_review import plan_review_reminders
from storage.models import OutboxMessage, Person


def planned(lotsen: Lotsen) -> list[OutboxMessage]:
    with lotsen.db.session() as s:
        return [o for o in s.exec(select(OutboxMessage)) if o.kind == "rutin_revision"]


def test_review_reminders_go_to_kvalitetsenheten_once(demo_lotsen: Lotsen, people: dict[str, Person]) -> None:
    assert plan_review_reminders(demo_lotsen.db, demo_lotsen.rutiner, today=date(2026, 11, 22)) == 3
    assert plan_review_reminders(demo_lotsen.db, demo_lotsen.rutiner, today=date(2026, 11, 23)) == 0
    rows = planned(demo_lotsen)
    assert len(rows) == 3  # planned again the next day: nothing new
    assert {r.recipient_id for r in rows} == {people["kv.petra"].id}
    texts = sorted(r.payload["text"] for r in rows)
    assert any("skulle ha reviderats senast 2023-06-30" in t for t in texts)
    assert any("Utredning enligt BBIC ska revideras senast 2026-11-30" in t for t in texts)
    assert all(r.due_at.date() == date(2026, 11, 23) for r in rows)  # next working morning (a Monday)


def test_an_owner_who_is_a_person_is_reminded_directly(demo_lotsen: Lotsen, people: dict[str, Person]) -> None:
    from bot.reminders.routine_review import recipients

    everyone = list(people.values())
    assert [p.key for p in recipients(everyone, "Maria Enhet, enhetschef")] == ["ec.maria"]
    assert [p.key for p in recipients(everyone, "Processledare")] == ["kv.petra"]
