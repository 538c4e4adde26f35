"""Lex Sarah use cases: report, take, investigate and assess, register the IVO anmälan, close.

Like the avvikelse service: each change is one transaction with its audit entry and notifications;
every view is checked and audited, and refusals are audited too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, or_, select

from bot.audit.log import diff, record
from bot.audit.refusals import audit_refusals, denied
from bot.clock import today_local, utcnow
from bot.config import Settings
from bot.deadlines.calculator import compute
from bot.errors import NotFound, PermissionDenied, UserError
from bot.lex_sarah import messages as msg
from bot.lex_sarah import policy
from bot.lex_sarah import texts as t
from bot.lex_sarah.forms import LexSarahInvestigation, NewLexSarah
from bot.org.directory import people_with_role, unit_by_code
from bot.privacy.guard import identity_number_errors
from bot.reminders import outbox
from storage.db import Database
from storage.models import Person, Role, Unit
from storage.models.lex_sarah import LexSarahReport, LexSarahStatus
from storage.upsert import next_in_sequence

ENTITY = "lex_sarah"
NUMBER = re.compile(r"^LXS-(\d{4})-(\d{4,})$", re.IGNORECASE)


def normalise_number(raw: str) -> str:
    m = NUMBER.match(raw.strip())
    if not m:
        raise UserError(t.ERR_BAD_NUMBER)
    return f"LXS-{m.group(1)}-{m.group(2)}"


def _snapshot(r: LexSarahReport) -> dict[str, object]:
    return {"status": r.status, "investigator_id": r.investigator_id, "assessment": r.assessment,
            "inv_causes": r.inv_causes, "inv_happened_before": r.inv_happened_before,
            "inv_could_recur": r.inv_could_recur, "inv_measures": r.inv_measures,
            "assessment_motivation": r.assessment_motivation, "ivo_reported_on": r.ivo_reported_on}


def _denied(message: str, actor: Person, report: LexSarahReport, action: str) -> PermissionDenied:
    return denied(message, actor_id=actor.id, action=action, entity_type=ENTITY, entity_ref=report.number,
                  channel=None)


@dataclass(frozen=True)
class Filed:
    report: LexSarahReport
    created: bool


class LexSarahService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def _get(self, session: Session, number: str) -> LexSarahReport:
        number = normalise_number(number)
        report = session.exec(select(LexSarahReport).where(LexSarahReport.number == number)).first()
        if report is None:
            raise NotFound(t.ERR_NOT_FOUND.format(number=number))
        return report

    def _visible(self, session: Session, actor: Person, number: str) -> LexSarahReport:
        report = self._get(session, number)
        if not policy.can_view(session, actor, report):
            raise _denied(t.ERR_NO_ACCESS.format(number=report.number), actor, report, "nekad_visning")
        return report

    def _investigating(self, session: Session, actor: Person, number: str) -> LexSarahReport:
        report = self._visible(session, actor, number)
        if report.investigator_id != actor.id:
            investigator = session.get(Person, report.investigator_id) if report.investigator_id else None
            raise _denied(t.ERR_NOT_INVESTIGATOR.format(number=report.number,
                                                        name=investigator.name if investigator else "ingen"),
                          actor, report, "nekad_atgard")
        if report.status == LexSarahStatus.AVSLUTAD:
            raise UserError(t.ERR_CLOSED.format(number=report.number))
        return report

    # --- reporting --------------------------------------------------------------------------------

    def file(self, actor: Person, data: NewLexSarah, *, submission_key: str, channel: str) -> Filed:
        errors = identity_number_errors({"what_happened": data.what_happened, "consequence": data.consequence,
                                         "immediate_action": data.immediate_action})
        if errors:
            field, message = next(iter(errors.items()))
            raise UserError(message, field=field)
        try:
            with self.db.session() as session:
                unit = unit_by_code(session, data.unit_code)
                if unit is None or unit.id is None:
                    raise UserError("Okänd verksamhet. Välj en i listan.", field="unit")
                assert actor.id is not None
                today = today_local()
                seq = next_in_sequence(session, f"LXS-{today.year}")
                report = LexSarahReport(
                    number=f"LXS-{today.year}-{seq:04d}", year=today.year, seq=seq, submission_key=submission_key,
                    reported_by_id=actor.id, unit_id=unit.id, event_date=data.event_date,
                    noticed_date=data.noticed_date, what_happened=data.what_happened, consequence=data.consequence,
                    immediate_action=data.immediate_action, case_reference=data.case_reference,
                    due_date=compute("lex_sarah_utredning", today).due,
                )
                session.add(report)
                session.flush()
                record(session, actor_id=actor.id, action="skapad", entity_type=ENTITY, entity_ref=report.number,
                       changes={"status": {"old": None, "new": report.status}}, channel=channel)
                deliveries = [outbox.Delivery(f"lexsarah:{report.number}:kvitto", "lexsarah_kvitto", actor.id,
                                              msg.receipt(report))]
                deliveries += [
                    outbox.Delivery(f"lexsarah:{report.number}:ny:{p.id}", "lexsarah_ny", p.id,
                                    msg.new_for_responsible(report, unit))
                    for p in people_with_role(session, Role.LEX_SARAH_ANSVARIG) if p.id is not None
                ]
                outbox.plan_all(session, deliveries)
                return Filed(report, created=True)
        except IntegrityError:
            with self.db.read() as session:
                existing = session.exec(select(LexSarahReport)
                                        .where(LexSarahReport.submission_key == submission_key)).first()
            if existing is None:
                raise
            return Filed(existing, created=False)

    # --- reading ----------------------------------------------------------------------------------

    @audit_refusals
    def view(self, actor: Person, number: str, *, channel: str) -> msg.LexSarahView:
        with self.db.session() as session:
            report = self._visible(session, actor, number)
            record(session, actor_id=actor.id, action="visad", entity_type=ENTITY, entity_ref=report.number,
                   channel=channel)
            unit = session.get(Unit, report.unit_id)
            assert unit is not None
            investigator = session.get(Person, report.investigator_id) if report.investigator_id else None
            return msg.LexSarahView(report, unit, investigator, report.investigator_id == actor.id,
                                    policy.is_responsible(actor))

    @audit_refusals
    def for_form(self, actor: Person, number: str) -> LexSarahReport:
        with self.db.read() as session:
            return self._investigating(session, actor, number)

    def overview(self, actor: Person) -> msg.Overview:
        with self.db.read() as session:
            open_reports: list[LexSarahReport] = []
            if policy.is_responsible(actor):
                open_reports = list(session.exec(
                    select(LexSarahReport).where(LexSarahReport.status != LexSarahStatus.AVSLUTAD.value)
                    .where(or_(col(LexSarahReport.investigator_id).is_(None),
                               LexSarahReport.investigator_id == actor.id))
                    .order_by(col(LexSarahReport.due_date))))
            reported = list(session.exec(select(LexSarahReport).where(LexSarahReport.reported_by_id == actor.id)
                                         .order_by(col(LexSarahReport.created_at).desc()).limit(20)))
            return msg.Overview(open_reports, reported)

    # --- investigating ----------------------------------------------------------------------------

    @audit_refusals
    def take(self, actor: Person, number: str, *, channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._visible(session, actor, number)
            if not policy.is_responsible(actor):
                raise _denied(t.ERR_NOT_RESPONSIBLE, actor, report, "nekad_utredning")
            if report.status == LexSarahStatus.AVSLUTAD:
                raise UserError(t.ERR_CLOSED.format(number=report.number))
            if report.investigator_id is not None:
                holder = session.get(Person, report.investigator_id)
                raise UserError(t.ERR_TAKEN.format(number=report.number, name=holder.name if holder else "?"))
            before = _snapshot(report)
            report.investigator_id = actor.id
            report.status = LexSarahStatus.UNDER_UTREDNING.value
            report.updated_at = utcnow()
            session.add(report)
            record(session, actor_id=actor.id, action="utredning_startad", entity_type=ENTITY,
                   entity_ref=report.number, changes=diff(before, _snapshot(report)), channel=channel)
            return report

    @audit_refusals
    def save_investigation(self, actor: Person, number: str, data: LexSarahInvestigation, *,
                           channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._investigating(session, actor, number)
            before = _snapshot(report)
            report.inv_causes, report.inv_happened_before = data.causes, data.happened_before
            report.inv_could_recur, report.inv_measures = data.could_recur, data.measures
            report.assessment, report.assessment_motivation = data.assessment, data.motivation
            if data.assessment:
                report.status = LexSarahStatus.BEDOMD.value
                report.assessed_at, report.assessed_by_id = utcnow(), actor.id
            report.updated_at = utcnow()
            session.add(report)
            record(session, actor_id=actor.id, action="bedomd" if data.assessment else "utkast_sparat",
                   entity_type=ENTITY, entity_ref=report.number, changes=diff(before, _snapshot(report)),
                   channel=channel)
            if data.assessment in t.SERIOUS and report.ivo_reported_on is None:
                assert actor.id is not None  # "snarast": a reminder now, to the investigator
                outbox.plan(session, key=f"lexsarah:{report.number}:ivo:{actor.id}", kind="lexsarah_ivo",
                            recipient_id=actor.id, message=msg.ivo_reminder(report),
                            subject=f"lexsarah:{report.number}:ivo", reference=report.number)
            return report

    @audit_refusals
    def register_ivo(self, actor: Person, number: str, sent_on: date, *, channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._investigating(session, actor, number)
            if report.assessment not in t.SERIOUS:
                raise UserError(t.ERR_IVO_NOT_SERIOUS.format(number=report.number))
            if sent_on > today_local() or sent_on < report.noticed_date:
                raise UserError(t.ERR_FUTURE if sent_on > today_local() else "Datumet ligger före upptäckten.",
                                field="ivo_date")
            before = _snapshot(report)
            report.ivo_reported_on = sent_on
            report.updated_at = utcnow()
            session.add(report)
            outbox.cancel(session, f"lexsarah:{report.number}:ivo:")
            record(session, actor_id=actor.id, action="anmald_ivo", entity_type=ENTITY, entity_ref=report.number,
                   changes=diff(before, _snapshot(report)), channel=channel)
            return report

    @audit_refusals
    def close(self, actor: Person, number: str, *, channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._investigating(session, actor, number)
            if not report.assessment:
                raise UserError(t.ERR_NOT_ASSESSED)
            if report.assessment in t.SERIOUS and report.ivo_reported_on is None:
                raise UserError(t.ERR_IVO_MISSING.format(number=report.number))
            before = _snapshot(report)
            report.status = LexSarahStatus.AVSLUTAD.value
            report.closed_at = report.updated_at = utcnow()
            session.add(report)
            record(session, actor_id=actor.id, action="avslutad", entity_type=ENTITY, entity_ref=report.number,
                   changes=diff(before, _snapshot(report)), channel=channel)
            outbox.plan(session, key=f"lexsarah:{report.number}:besked", kind="lexsarah_besked",
                        recipient_id=report.reported_by_id, message=msg.done_for_reporter(report))
            return report
