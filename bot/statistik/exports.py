"""`lotsen export frister`: one row per case deadline, no client data (not even the case reference)."""

from __future__ import annotations

from datetime import date

from bot.audit.log import record
from bot.statistik import figures, source
from bot.statistik.service import labels
from storage.db import Database

FRIST_COLUMNS = [
    "frist", "typ", "typnamn", "enhet_kod", "enhet", "handlaggare", "startdatum", "lagstadgat_datum",
    "sista_dag", "forlangd_till", "forlangningsskal", "beslut_eller_avslut", "utfall", "status", "mot_fristen",
]


def frist_rows(db: Database, today: date) -> list[dict[str, object]]:
    names = labels().kinds
    with db.session() as session:
        units = source.units(session)
        people = source.people_names(session)
        rows = source.deadlines(session)
        record(session, actor_id=None, action="export", entity_type="frist", entity_ref="*",
               changes={"rows": len(rows)}, channel="cli")
    out: list[dict[str, object]] = []
    for d in rows:
        unit = units.get(d.unit_id) if d.unit_id is not None else None
        out.append({
            "frist": f"F-{d.id}",
            "typ": d.kind,
            "typnamn": names.get(d.kind, d.kind),
            "enhet_kod": unit.code if unit else None,
            "enhet": unit.name if unit else None,
            "handlaggare": people.get(d.handlaggare_id),
            "startdatum": d.start.isoformat(),
            "lagstadgat_datum": d.statutory.isoformat(),
            "sista_dag": d.last_day.isoformat(),
            "forlangd_till": d.due.isoformat() if d.due != d.last_day else None,
            "forlangningsskal": d.extension_reason,
            "beslut_eller_avslut": d.decided.isoformat() if d.decided else None,
            "utfall": d.outcome,
            "status": d.status,
            "mot_fristen": figures.classify(d, today),
        })
    return out
