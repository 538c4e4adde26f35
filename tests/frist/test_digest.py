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
