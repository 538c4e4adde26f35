"""Lex Sarah reports for kvalitetsenheten's statistics: number, state, unit, the dates of each step, the
ställningstagande and the IVO dates. No free text, no names."""

from __future__ import annotations

from sqlmodel import col, select

from bot.clock import to_local
from storage.db import Database
from storage.models import Unit
from storage.models.lex_sarah import LexSarahEvent, LexSarahMeasure, LexSarahReport

EXPORT_COLUMNS = [
    "nummer", "status", "enhet", "enhet_kod", "handelsedatum", "upptackt", "rapporterad", "utredning_startad",
    "stallningstagande_datum", "stallningstagande", "beslut_datum", "beslutat_av", "anmald_ivo_datum",
    "atgarder_startade", "uppfoljning_startad", "avslutad", "lokalt_mal_utredning", "antal_atgarder",
    "antal_atgarder_klara", "fran_avvikelse",
]


def export_rows(db: Database) -> list[dict[str, str | int | None]]:
    rows: list[dict[str, str | int | None]] = []
    with db.read() as session:
        units = {u.id: u for u in session.exec(select(Unit))}
        for r in session.exec(select(LexSarahReport).order_by(col(LexSarahReport.year), col(LexSarahReport.seq))):
            first: dict[str, str] = {}
            for e in session.exec(select(LexSarahEvent).where(LexSarahEvent.report_id == r.id)
                                  .order_by(col(LexSarahEvent.id))):
                first.setdefault(e.state, to_local(e.at).date().isoformat())
            measures = list(session.exec(select(LexSarahMeasure).where(LexSarahMeasure.report_id == r.id)))
            unit = units.get(r.unit_id)
            rows.append({
                "nummer": r.number, "status": r.status, "enhet": unit.name if unit else None,
                "enhet_kod": unit.code if unit else None, "handelsedatum": r.event_date.isoformat(),
                "upptackt": r.noticed_date.isoformat(), "rapporterad": to_local(r.created_at).date().isoformat(),
                "utredning_startad": first.get("under_utredning"),
                "stallningstagande_datum": first.get("ställningstagande"), "stallningstagande": r.assessment,
                "beslut_datum": r.decided_on.isoformat() if r.decided_on else None, "beslutat_av": r.decision_by,
                "anmald_ivo_datum": r.ivo_reported_on.isoformat() if r.ivo_reported_on else None,
                "atgarder_startade": first.get("åtgärder"), "uppfoljning_startad": first.get("uppföljning"),
                "avslutad": first.get("avslutad"), "lokalt_mal_utredning": r.due_date.isoformat(),
                "antal_atgarder": len(measures), "antal_atgarder_klara": sum(m.done_on is not None for m in measures),
                "fran_avvikelse": r.avvikelse_number,
            })
    return rows
