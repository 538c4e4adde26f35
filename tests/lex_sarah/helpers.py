"""Builders for lex Sarah tests: one report through the chat, step by step."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot.app import Lotsen
from bot.ui.model import FormResult, Reply
from storage.models import AuditEntry, Person
from storage.models.lex_sarah import LexSarahEvent, LexSarahMeasure, LexSarahReport
from tests.avvikelse.helpers import outbox

NUMBER = "LXS-2026-0001"
REPORT: dict[str, str | None] = {
    "event_date": "2026-12-07", "noticed_date": "2026-12-09", "unit": "MOTT",
    "what_happened": "Ett barn fick inte sin beslutade insats under två månader.",
    "consequence": "Barnets behov tillgodosågs inte.", "immediate_action": "Insatsen startades.",
    "case_reference": "SN 2026/0900",
}
ASSESS: dict[str, str | None] = {
    "inv_noticed_how": "Vid ärendegenomgång.", "inv_causes": "Ingen bevakning av verkställighet.",
    "inv_happened_before": "Nej.", "inv_could_recur": "Ja, utan bevakning.",
    "inv_measures": "Bevakningslista införs.", "inv_other": "Inget.",
    "inv_sources": "Aktgranskning och intervju med handläggare (fakta); utredarens bedömning av risken.",
    "assessment_motivation": "Barnets behov blev inte tillgodosett under lång tid.",
}
MEASURE_TEXT = "Inför bevakningslista för verkställighet"


def submit(lotsen: Lotsen, who: Person, form_id: str, vals: dict[str, str | None],
           context: dict[str, str] | None = None, key: str | None = None) -> FormResult:
    return lotsen.chat.submit(who, form_id, context if context is not None else {"number": NUMBER}, vals,
                              submission_key=key or f"{form_id}:{who.key}", channel="t")


def act(lotsen: Lotsen, who: Person, action: str, value: str = NUMBER) -> Reply:
    return lotsen.chat.action(who, f"lexsarah:{action}", value, channel="t")


def text(reply: Reply | FormResult) -> str:
    assert reply.message is not None, reply
    return reply.message.text


def report(lotsen: Lotsen, number: str = NUMBER) -> LexSarahReport:
    with lotsen.db.session() as s:
        return s.exec(select(LexSarahReport).where(LexSarahReport.number == number)).one()


def events(lotsen: Lotsen) -> list[LexSarahEvent]:
    with lotsen.db.session() as s:
        return list(s.exec(select(LexSarahEvent).order_by(col(LexSarahEvent.id))))


def measures(lotsen: Lotsen) -> list[LexSarahMeasure]:
    with lotsen.db.session() as s:
        return list(s.exec(select(LexSarahMeasure).order_by(col(LexSarahMeasure.id))))


def audit(lotsen: Lotsen, ref: str = NUMBER) -> list[AuditEntry]:
    with lotsen.db.session() as s:
        return list(s.exec(select(AuditEntry).where(AuditEntry.entity_ref == ref).order_by(col(AuditEntry.id))))


def state(lotsen: Lotsen) -> tuple[Any, ...]:
    """Everything a refused step must leave as it was."""
    r = report(lotsen)
    return (r.model_dump(), [e.model_dump() for e in events(lotsen)], [m.model_dump() for m in measures(lotsen)],
            [(o.key, o.status) for o in outbox(lotsen)])


def file(lotsen: Lotsen, who: Person) -> str:
    result = submit(lotsen, who, "lexsarah_new", REPORT, context={})
    assert result.ok, result
    return NUMBER


def to_position(lotsen: Lotsen, petra: Person, assessment: str = "allvarligt") -> None:
    act(lotsen, petra, "take")
    result = submit(lotsen, petra, "lexsarah_investigation", {**ASSESS, "assessment": assessment})
    assert result.ok, result


def decide(lotsen: Lotsen, petra: Person, on: str = "2026-12-10") -> None:
    result = submit(lotsen, petra, "lexsarah_decision", {"decision_by": "utskott", "decided_on": on})
    assert result.ok and "registrerat" in text(result), result


def add_measure(lotsen: Lotsen, who: Person, responsible: str = "ec.maria", planned: str = "2026-12-21",
                follow: str | None = "2027-01-15") -> FormResult:
    return submit(lotsen, who, "lexsarah_measure", {"description": MEASURE_TEXT, "responsible": responsible,
                                                    "planned_date": planned, "follow_up_date": follow},
                  key=f"m:{responsible}:{planned}")
