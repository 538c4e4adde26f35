"""Statistics use cases: build a report for a period and a scope, key figures for chat, the frister export.

Every run is audited (who asked, which period and scope); a refusal is audited too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlmodel import Session

from bot.audit.log import record
from bot.audit.refusals import audit_refusals, denied
from bot.clock import today_local
from bot.config import Settings
from bot.errors import UserError
from bot.statistik import report as builder
from bot.statistik import source
from bot.statistik import texts as t
from bot.statistik.model import Report
from bot.statistik.periods import Period
from bot.statistik.report import Labels, Scope
from bot.statistik.suppression import Cell
from storage.db import Database
from storage.models import Person, Role

ENTITY = "statistik"


def labels() -> Labels:
    """Display names from the deadline rules and the lex Sarah texts (codes where a name is missing)."""
    from bot.deadlines.rules import default_rules

    try:
        kinds = {r.key: r.name for r in default_rules().rules}
    except Exception:  # a broken rules file is reported by the deadline commands; codes will do here
        kinds = {}
    try:
        from bot.lex_sarah import texts as lxs

        assessments: Mapping[str, str] = dict(getattr(lxs, "ASSESSMENTS", {}))
    except ImportError:
        assessments = {}
    return Labels(kinds=kinds, assessments=assessments)


def descendants(units: Mapping[int, source.UnitInfo], roots: set[int]) -> frozenset[int]:
    out = set(roots)
    changed = True
    while changed:
        changed = False
        for uid, unit in units.items():
            if uid not in out and unit.parent_id in out:
                out.add(uid)
                changed = True
    return frozenset(out)


def unit_scope(units: Mapping[int, source.UnitInfo], code: str | None) -> Scope:
    if not code:
        return Scope(t.ALL_UNITS, None)
    unit = next((u for u in units.values() if u.code.lower() == code.strip().lower()), None)
    if unit is None:
        raise UserError(t.ERR_UNKNOWN_UNIT.format(code=code.strip()[:40]))
    return Scope(f"{unit.name} ({unit.code})", descendants(units, {unit.id}))


def person_scope(units: Mapping[int, source.UnitInfo], person: Person) -> Scope | None:
    """What a person may see in chat: kvalitetsenheten everything; chefer and verksamhetschefer their units
    and the units under them. None: nothing."""
    if person.has_role(Role.KVALITETSENHET):
        return Scope(t.ALL_UNITS, None)
    led = {uid for uid, u in units.items() if person.id is not None and u.chef_id == person.id}
    if not led and person.has_role(Role.ENHETSCHEF) and person.unit_id is not None:
        led = {person.unit_id}
    if not led:
        return None
    scope = descendants(units, led)
    names = ", ".join(sorted(f"{units[uid].name} ({units[uid].code})" for uid in led))  # as unit_scope names one
    return Scope(names, scope)


class StatistikService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    @property
    def targets(self) -> dict[str, float]:
        return dict(getattr(self.settings, "statistik_targets", builder.DEFAULT_TARGETS))

    def _dataset(self, session: Session, period: Period) -> source.Dataset:
        start, end = builder.load_window(period)
        return source.load(session, start, end)

    def report(self, period: Period, unit_code: str | None = None, *, today: date | None = None,
               actor_id: int | None = None, channel: str = "cli") -> Report:
        today = today or today_local()
        with self.db.session() as session:
            data = self._dataset(session, period)
            scope = unit_scope(data.units, unit_code)
            record(session, actor_id=actor_id, action="rapport", entity_type=ENTITY, entity_ref=period.label,
                   changes={"enhet": unit_code, "from": period.start.isoformat(), "to": period.end.isoformat()},
                   channel=channel)
        return builder.build(data, period, scope, today, labels(), self.targets)

    @audit_refusals
    def key_figures(self, actor: Person, period: Period, unit_code: str | None, *,
                    channel: str) -> tuple[Scope, dict[str, Cell]]:
        """Aggregates for chat, for the units this person may see (a unit of theirs when one is named)."""
        with self.db.session() as session:
            units = source.units(session)
            allowed = person_scope(units, actor)
            if allowed is None:
                raise denied(t.ERR_NO_ACCESS, actor_id=actor.id, action="nekad_statistik", entity_type=ENTITY,
                             entity_ref=period.label, channel=channel)
            scope = allowed
            if unit_code:
                wanted = unit_scope(units, unit_code)
                assert wanted.unit_ids is not None
                if allowed.unit_ids is not None and not wanted.unit_ids <= allowed.unit_ids:
                    raise denied(t.ERR_UNIT_NOT_YOURS, actor_id=actor.id, action="nekad_statistik",
                                 entity_type=ENTITY, entity_ref=period.label, channel=channel)
                scope = wanted
            data = source.load(session, period.start, period.end)  # chat shows the period only: no trend
            record(session, actor_id=actor.id, action="statistik_visad", entity_type=ENTITY,
                   entity_ref=period.label, changes={"enhet": unit_code, "omfattning": scope.name}, channel=channel)
        return scope, builder.key_figures(data, period, scope, today_local())
