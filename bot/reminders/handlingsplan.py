"""Lex Sarah handlingsplan rows: the responsible person is reminded before the planned date and when the
follow-up is due, and marks the measure done, records the follow-up, snoozes or passes it on; an ignored
reminder escalates to the unit's verksamhetschef and the lex Sarah-ansvariga (as `follow_ups.py` does for
avvikelser).

Each measure has one reminder at a time. Its outbox key names the measure, the phase (åtgärd or
uppföljning), the reminder's own date and the owner, so the morning job can plan it again without a
duplicate, and snoozing or passing on cancels the old one and plans exactly one new one.
Reminders carry number, position and dates only, never the measure's text.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from bot.audit.log import record
from bot.audit.refusals import audit_refusals, denied
from bot.clock import today_local, utcnow
from bot.config import Settings
from bot.deadlines.calendar import add_working_days, next_working_day
from bot.errors import NotFound, UserError
from bot.lex_sarah import messages as msg
from bot.lex_sarah import policy
from bot.lex_sarah import texts as t
from bot.lex_sarah.service import ENTITY, advance_after_measures, measure_subject
from bot.org.directory import find_person, people_with_role, verksamhetschef_for
from bot.privacy.guard import identity_number_errors
from bot.reminders import outbox
from storage.db import Database
from storage.models import Person, Role, Unit
from storage.models.lex_sarah import LexSarahMeasure, LexSarahReport, LexSarahStatus

SNOOZE_DAYS = 7


def phase(measure: LexSarahMeasure) -> str | None:
    """What the responsible person owes: the measure itself, its follow-up, or nothing."""
    if measure.done_on is None:
        return "atgard"
    if measure.follow_up_date is not None and measure.follow_up_done_on is None:
        return "uppfoljning"
    return None


def reminder_day(settings: Settings, measure: LexSarahMeasure) -> date | None:
    """The stable date of the current reminder (snoozed date, else a few working days before the planned
    date, else the follow-up date)."""
    current = phase(measure)
    if current is None:
        return None
    if measure.remind_on is not None:
        return measure.remind_on
    if current == "atgard":
        return add_working_days(measure.planned_date, -settings.lex_sarah_remind_days_before)
    assert measure.follow_up_date is not None
    return measure.follow_up_date


def due_of(measure: LexSarahMeasure) -> date:
    """The date the current phase concerns (planned date or follow-up date), moved by a snooze."""
    base = measure.planned_date if phase(measure) == "atgard" else (measure.follow_up_date or measure.planned_date)
    return max(base, measure.remind_on) if measure.remind_on else base


def _prefix(report: LexSarahReport, measure: LexSarahMeasure) -> str:
    return f"{measure_subject(report.number, measure.id)}:"


def plan_reminder(session: Session, settings: Settings, report: LexSarahReport, measure: LexSarahMeasure,
                  *, replace: bool = True) -> bool:
    """(Re)plan the one reminder of a measure; `replace=False` (the morning job) only fills a gap."""
    if replace:
        outbox.cancel(session, _prefix(report, measure))
    day = reminder_day(settings, measure)
    current = phase(measure)
    if day is None or current is None or report.status == LexSarahStatus.AVSLUTAD:
        return False
    send = max(day, today_local())
    return outbox.plan(
        session,
        key=f"{_prefix(report, measure)}{current}:{day.isoformat()}:{measure.responsible_id}",
        kind="lexsarah_atgard",
        recipient_id=measure.responsible_id,
        message=msg.measure_reminder(report, measure, follow_up=current == "uppfoljning"),
        due_at=outbox.within_working_hours(outbox.morning_of(send, settings.working_hours_start),
                                           settings.working_hours_start, settings.working_hours_end),
        subject=measure_subject(report.number, measure.id), reference=f"{report.number} åtgärd {measure.position}",
    )


class HandlingsplanService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def _load(self, session: Session, measure_id: int) -> tuple[LexSarahMeasure, LexSarahReport]:
        measure = session.get(LexSarahMeasure, measure_id)
        if measure is None:
            raise NotFound(t.ERR_MEASURE_NOT_FOUND)
        report = session.get(LexSarahReport, measure.report_id)
        assert report is not None
        return measure, report

    def _actionable(self, session: Session, actor: Person, measure_id: int,
                    channel: str) -> tuple[LexSarahMeasure, LexSarahReport]:
        measure, report = self._load(session, measure_id)
        if not policy.can_act_on_measure(actor, report, measure.responsible_id):
            raise denied(t.ERR_MEASURE_NOT_YOURS, actor_id=actor.id, action="nekad_atgard", entity_type=ENTITY,
                         entity_ref=report.number, channel=channel)
        if report.status == LexSarahStatus.AVSLUTAD:
            raise UserError(t.ERR_CLOSED.format(number=report.number))
        return measure, report

    @audit_refusals
    def view(self, actor: Person, measure_id: int, *, channel: str) -> tuple[LexSarahReport, LexSarahMeasure,
                                                                               dict[int, str]]:
        with self.db.session() as session:
            measure, report = self._load(session, measure_id)
            if not policy.can_view_measure(session, actor, report, measure.responsible_id):
                raise denied(t.ERR_NO_ACCESS.format(number=report.number), actor_id=actor.id,
                             action="nekad_visning", entity_type=ENTITY, entity_ref=report.number, channel=channel)
            record(session, actor_id=actor.id, action="atgard_visad", entity_type=ENTITY, entity_ref=report.number,
                   changes={"measure_id": measure.id}, channel=channel)
            owner = session.get(Person, measure.responsible_id)
            return report, measure, {measure.responsible_id: owner.name if owner else "?"}

    @audit_refusals
    def complete(self, actor: Person, measure_id: int, *, channel: str,
                 on: date | None = None) -> tuple[LexSarahReport, LexSarahMeasure]:
        with self.db.session() as session:
            measure, report = self._actionable(session, actor, measure_id, channel)
            if measure.done_on is not None:
                raise UserError(t.ERR_MEASURE_DONE)
            measure.done_on = on or today_local()
            measure.remind_on = None
            measure.escalated_at = None
            session.add(measure)
            session.flush()
            plan_reminder(session, self.settings, report, measure)  # the follow-up's, if one is due
            advance_after_measures(session, report, actor.id)
            record(session, actor_id=actor.id, action="atgard_klar", entity_type=ENTITY, entity_ref=report.number,
                   changes={"measure_id": measure.id, "done_on": measure.done_on.isoformat()}, channel=channel)
            return report, measure

    @audit_refusals
    def record_follow_up(self, actor: Person, measure_id: int, result: str, *,
                         channel: str) -> tuple[LexSarahReport, LexSarahMeasure]:
        errors = identity_number_errors({"result": result})
        if errors:
            raise UserError(errors["result"], field="result")
        if not result.strip():
            raise UserError("Skriv resultatet av uppföljningen.", field="result")
        with self.db.session() as session:
            measure, report = self._actionable(session, actor, measure_id, channel)
            if measure.done_on is None:
                measure.done_on = today_local()  # followed up means carried out
            measure.follow_up_result = result.strip()
            measure.follow_up_done_on = today_local()
            measure.follow_up_date = measure.follow_up_date or today_local()
            measure.remind_on = None
            measure.escalated_at = None
            session.add(measure)
            session.flush()
            plan_reminder(session, self.settings, report, measure)
            advance_after_measures(session, report, actor.id)
            record(session, actor_id=actor.id, action="atgard_uppfoljd", entity_type=ENTITY,
                   entity_ref=report.number, changes={"measure_id": measure.id}, channel=channel)
            return report, measure

    @audit_refusals
    def snooze(self, actor: Person, measure_id: int, *, channel: str,
               days: int = SNOOZE_DAYS) -> tuple[LexSarahReport, LexSarahMeasure, date]:
        with self.db.session() as session:
            measure, report = self._actionable(session, actor, measure_id, channel)
            if phase(measure) is None:
                raise UserError(t.ERR_MEASURE_DONE)
            before = reminder_day(self.settings, measure)
            measure.remind_on = next_working_day(today_local() + timedelta(days=days))
            measure.escalated_at = None
            session.add(measure)
            plan_reminder(session, self.settings, report, measure)
            record(session, actor_id=actor.id, action="atgard_uppskjuten", entity_type=ENTITY,
                   entity_ref=report.number,
                   changes={"measure_id": measure.id, "remind_on": {"old": before.isoformat() if before else None,
                                                                    "new": measure.remind_on.isoformat()}},
                   channel=channel)
            return report, measure, measure.remind_on

    @audit_refusals
    def pass_on(self, actor: Person, measure_id: int, to_ref: str, *,
                channel: str) -> tuple[LexSarahReport, LexSarahMeasure, Person]:
        with self.db.session() as session:
            measure, report = self._actionable(session, actor, measure_id, channel)
            if phase(measure) is None:
                raise UserError(t.ERR_MEASURE_DONE)
            new = find_person(session, to_ref) if to_ref.strip() else None
            if new is None or new.id is None or not new.active:
                raise UserError(t.ERR_RESPONSIBLE_UNKNOWN, field="to")
            if new.id == measure.responsible_id:
                raise UserError(t.ERR_SAME_RESPONSIBLE, field="to")
            old = measure.responsible_id
            measure.responsible_id = new.id
            measure.escalated_at = None
            session.add(measure)
            plan_reminder(session, self.settings, report, measure)
            record(session, actor_id=actor.id, action="atgard_overlamnad", entity_type=ENTITY,
                   entity_ref=report.number,
                   changes={"measure_id": measure.id, "responsible_id": {"old": old, "new": new.id}},
                   channel=channel)
            return report, measure, new

    # --- the morning ------------------------------------------------------------------------------

    def plan_due_reminders(self) -> int:
        """Fill any gap: every open measure of an open report has its reminder planned (idempotent)."""
        planned = 0
        with self.db.session() as session:
            rows = session.exec(select(LexSarahMeasure, LexSarahReport)
                                .where(LexSarahMeasure.report_id == LexSarahReport.id,
                                       LexSarahReport.status != LexSarahStatus.AVSLUTAD.value))
            for measure, report in list(rows):
                planned += plan_reminder(session, self.settings, report, measure, replace=False)
        return planned

    def escalate_overdue(self, today: date | None = None) -> int:
        """Tell the verksamhetschef and the lex Sarah-ansvariga, once per phase, about a measure whose
        reminder nobody acted on a few working days after its date."""
        today = today or today_local()
        limit = add_working_days(today, -self.settings.lex_sarah_escalate_after_working_days)
        told = 0
        with self.db.session() as session:
            rows = session.exec(
                select(LexSarahMeasure, LexSarahReport)
                .where(LexSarahMeasure.report_id == LexSarahReport.id,
                       LexSarahReport.status != LexSarahStatus.AVSLUTAD.value,
                       col(LexSarahMeasure.escalated_at).is_(None))
                .with_for_update(of=LexSarahMeasure, skip_locked=True)
            )
            responsible = [p for p in people_with_role(session, Role.LEX_SARAH_ANSVARIG) if p.id is not None]
            for measure, report in list(rows):
                current = phase(measure)
                if current is None or due_of(measure) > limit:
                    continue
                unit = session.get(Unit, report.unit_id)
                owner = session.get(Person, measure.responsible_id)
                if unit is None or owner is None:
                    continue
                chef = verksamhetschef_for(session, unit)
                recipients = {p.id for p in [chef, *responsible] if p is not None and p.id is not None}
                recipients.discard(owner.id)
                due = due_of(measure)
                outbox.plan_all(session, [
                    outbox.Delivery(f"lexsarah:{report.number}:eskalering:{measure.id}:{current}:{due.isoformat()}:"
                                    f"{pid}", "lexsarah_eskalering", pid,
                                    msg.measure_escalation(report, unit, measure, owner, due))
                    for pid in sorted(recipients) if pid is not None
                ])
                measure.escalated_at = utcnow()
                session.add(measure)
                record(session, actor_id=None, action="atgard_eskalerad", entity_type=ENTITY,
                       entity_ref=report.number,
                       changes={"measure_id": measure.id, "phase": current, "to": sorted(recipients)},
                       channel="system")
                told += 1
        return told
