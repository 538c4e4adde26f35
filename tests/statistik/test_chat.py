"""`/statistik` in chat: who sees which units, aggregates only, suppression, audited views and refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from sqlmodel import select

from bot.app import Lotsen
from bot.demo.history import fill
from storage.models import AuditEntry, Person

NOW = datetime(2026, 10, 15, 10, 0, tzinfo=UTC)


def ask(lotsen: Lotsen, person: Person, text: str) -> str:
    reply = lotsen.chat.command(person, "statistik", text, channel="console")
    assert reply.message is not None and reply.form is None
    return reply.message.text


def audit(lotsen: Lotsen, action: str) -> list[AuditEntry]:
    with lotsen.db.read() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def test_roles_and_scopes(lotsen: Lotsen, people: dict[str, Person]) -> None:
    with time_machine.travel(NOW, tick=False):
        fill(lotsen, avvikelser=200, frister=400, lexsarah=2)
        quality = ask(lotsen, people["kv.petra"], "2026T2")
        assert "Statistik 2026T2" in quality and "Omfattning: Alla enheter" in quality
        assert "Lex Sarah-rapporter: <3" in quality  # two reports over two years: never shown as a number
        assert "lotsen rapport --period 2026T2 --format png" in quality
        assert "AVV-" not in quality  # aggregates only
        chef = ask(lotsen, people["ec.jonas"], "2026T2")
        assert "Omfattning: Utredningsenhet 1 (UTR1)" in chef
        refused = ask(lotsen, people["ec.jonas"], "2026T2 MOTT")
        assert "bara se statistik för dina egna enheter" in refused
        area = ask(lotsen, people["vc.karin"], "2026 MOTT")
        assert "Mottagningen barn och unga (MOTT)" in area  # MOTT lies under BOF, Karin's area
        staff = ask(lotsen, people["me.anna"], "")
        assert "Statistik visas för enhetschefer" in staff
        assert "Ogiltig period" in ask(lotsen, people["kv.petra"], "2026T7")
    shown = audit(lotsen, "statistik_visad")
    assert len(shown) == 3 and {e.actor_id for e in shown} == {people["kv.petra"].id, people["ec.jonas"].id,
                                                                 people["vc.karin"].id}
    assert {e.actor_id for e in audit(lotsen, "nekad_statistik")} == {people["ec.jonas"].id, people["me.anna"].id}


def test_help(lotsen: Lotsen, people: dict[str, Person]) -> None:
    assert "/statistik 2026T1 MOTT" in ask(lotsen, people["kv.petra"], "hjälp")
