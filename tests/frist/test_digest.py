"""The teamledare's daily digest: overdue and near deadlines of the team, once a working day."""

from __future__ import annotations

from datetime import date

import time_machine
from sqlmodel import select

from bot.app import Lotsen
from bot.frist.service import RegisterInput
from bot.reminders.digest import plan_digests
from storage.models import OutboxMessage, Person


def digests(lotsen: Lotsen) -> list[OutboxMessage]:
    with lotsen.db.session() as s:
        return [o for o in s.exec(select(OutboxMessage)) if o.kind == "frist_digest"]


def test_digest_lists_the_teams_near_and_overdue_deadlines(lotsen: Lotsen, people: dict[str, Person]) -> None:
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        lina = people["hl.lina"]
        lotsen.frister.register(lina, RegisterInput("SN 2026/0001", "forhandsbedomning", date(2026, 11, 16)),
                                channel="t")  # due 30 Nov: overdue on 1 Dec
        lotsen.frister.register(lina, RegisterInput("SN 2026/0002", "forhandsbedomning", date(2026, 11, 25)),
                                channel="t")  # due 9 Dec: beyond a week
        lotsen.frister.register(lina, RegisterInput("SN 2026/0003", "forhandsbedomning", date(2026, 11, 20)),
                                channel="t")  # due 4 Dec: within a week
        lotsen.frister.register(people["hl.erik"], RegisterInput("SN 2026/0009", "forhandsbedomning",
                                                                 date(2026, 11, 16)), channel="t")  # other team
    assert plan_digests(lotsen.db, today=date(2026, 12, 1)) == 2  # Sara (MOTT) and Omar (UTR1)
    assert plan_digests(lotsen.db, today=date(2026, 12, 1)) == 0  # once a day
    by_lead = {d.recipient_id: d for d in digests(lotsen)}
    assert set(by_lead) == {people["tl.sara"].id, people["tl.omar"].id}
    digest = by_lead[people["tl.sara"].id]
    text = "\n".join(digest.payload["sections"])
    assert "Passerade* (1)" in text and "SN 2026/0001" in text and "1 dag försenad" in text
    assert "SN 2026/0003" in text and "SN 2026/0002" not in text and "SN 2026/0009" not in text
    assert "Lina Handläggare" in text


def test_no_digest_on_weekends_or_for_an_empty_team(lotsen: Lotsen, people: dict[str, Person]) -> None:
    assert plan_digests(lotsen.db, today=date(2026, 12, 5)) == 0  # Saturday
    assert plan_digests(lotsen.db, today=date(2026, 12, 7)) == 0  # nothing registered
    assert digests(lotsen) == []


def test_a_large_team_gets_a_digest_a_chat_can_show() -> None:
    from bot.adapters.slack.blocks import message_blocks
    from bot.reminders.digest import MAX_PEOPLE, MOST_URGENT, digest_message
    from storage.models.frist import CaseDeadline

    today = date(2026, 12, 1)
    rows = []
    for i in range(5000):
        due = date(2026, 11, 1) if i % 2 else date(2026, 12, 4)
        rows.append((CaseDeadline(id=i + 1, case_ref=f"SN 2026/{i:05d}", kind="utredning", trigger_date=due,
                                  statutory_date=due, original_due=due, due_date=due, legal_basis="x",
                                  explanation="x", handlaggare_id=i % 40), f"Handläggare {i % 40:02d}"))
    rows.sort(key=lambda r: r[0].due_date)
    message = digest_message(today, rows)
    assert message.sections[0] == "*Passerade* (2500) · *Inom 7 dagar* (2500)"
    assert len(message.sections) == 1 + MAX_PEOPLE + 1 and message.sections[-1] == "…och 30 handläggare till."
    person = message.sections[1]
    assert person.startswith("*Handläggare 01*: 125 passerade, 0 inom en vecka")
    assert person.count("• ") == MOST_URGENT and person.endswith("…och 122 till")
    assert "flik Hem" in message.context[0]
    blocks = message_blocks(message)
    assert len(blocks) <= 50 and len(str(blocks)) < 20_000
