"""Lex Sarah use cases: report, take, investigate and take a position, the decision, the IVO anmälan,
the handlingsplan, close. Every state change is a `LexSarahEvent` (when, who) beside its audit entry.

Like the avvikelse service: each change is one transaction with its audit entry and notifications;
every view is checked and audited, and refusals are audited too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.audit.log import diff, record
from bot.audit.refusals import audit_refusals, denied
from bot.clock import today_local, utcnow
from bot.config import Settings
from bot.deadlines.calculator import compute
from bot.errors import NotFound, PermissionDenied, UserError
from bot.lex_sarah import messages as msg
from bot.lex_sarah import policy
from bot.lex_sarah import texts as t
from bot.lex_sarah.document import DocumentData
from bot.lex_sarah.forms import DecisionInput, IvoInput, LexSarahInvestigation, MeasureInput, NewLexSarah
from bot.org.directory import find_person, people_with_role, unit_by_code, verksamhetschef_for
from bot.privacy.case_reference import case_reference_error
from bot.privacy.guard import check_free_text
from bot.reminders import outbox
from storage.db import Database
from storage.models import Person, Role, Unit
from storage.models.lex_sarah import LexSarahEvent, LexSarahMeasure, LexSarahReport, LexSarahStatus
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
            "assessment_motivation": r.assessment_motivation, "ivo_reported_on": r.ivo_reported_on,
            "inv_noticed_how": r.inv_noticed_how, "inv_other": r.inv_other, "decision_by": r.decision_by,
            "decision_by_name": r.decision_by_name, "decided_on": r.decided_on, "ivo_reference": r.ivo_reference,
            "inv_sources": r.inv_sources}


S = LexSarahStatus
DECIDED_STATES = frozenset({S.BESLUTAD.value, S.ANMALD_IVO.value, S.ATGARDER.value, S.UPPFOLJNING.value})
PLAN_STATES = frozenset({S.STALLNINGSTAGANDE.value, *DECIDED_STATES})


def add_event(session: Session, report: LexSarahReport, state: str, actor_id: int | None,
              on_date: date | None = None) -> None:
    """Enter a state: the report's status and one row of its history (when, who)."""
    assert report.id is not None
    report.status = state
    report.updated_at = utcnow()
    session.add(report)
    session.add(LexSarahEvent(report_id=report.id, state=state, actor_id=actor_id, on_date=on_date))


def open_measures(session: Session, report: LexSarahReport) -> list[LexSarahMeasure]:
    return [m for m in measures_of(session, report) if m.done_on is None
            or (m.follow_up_date is not None and m.follow_up_done_on is None)]


def measure_subject(number: str, measure_id: int | None) -> str:
    """The outbox subject of one handlingsplan row's reminders: replanning and closing cancel by it."""
    return f"lexsarah:{number}:atgard:{measure_id}"


def measures_of(session: Session, report: LexSarahReport) -> list[LexSarahMeasure]:
    return list(session.exec(select(LexSarahMeasure).where(LexSarahMeasure.report_id == report.id)
                             .order_by(col(LexSarahMeasure.position))))


def enter_measures_if_any(session: Session, report: LexSarahReport, actor_id: int | None) -> None:
    """Rows written into the handlingsplan before the decision (or before the IVO anmälan) start the
    åtgärder step as soon as the report may move on."""
    ready = report.status == S.ANMALD_IVO or (report.status == S.BESLUTAD and report.assessment not in t.SERIOUS)
    if ready and measures_of(session, report):
        add_event(session, report, S.ATGARDER.value, actor_id)
        advance_after_measures(session, report, actor_id)


def advance_after_measures(session: Session, report: LexSarahReport, actor_id: int | None) -> None:
    """Åtgärder while a measure is not done; uppföljning once all are done (their effect followed up)."""
    if report.status not in (S.ATGARDER.value, S.UPPFOLJNING.value):
        return
    not_done = [m for m in measures_of(session, report) if m.done_on is None]
    if not_done and report.status == S.UPPFOLJNING.value:
        add_event(session, report, S.ATGARDER.value, actor_id)
    elif not not_done and report.status == S.ATGARDER.value:
        add_event(session, report, S.UPPFOLJNING.value, actor_id)


def _denied(message: str, actor: Person, report: LexSarahReport, action: str,
            channel: str | None = None) -> PermissionDenied:
    return denied(message, actor_id=actor.id, action=action, entity_type=ENTITY, entity_ref=report.number,
                  channel=channel)


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

    def _visible(self, session: Session, actor: Person, number: str, channel: str | None = None) -> LexSarahReport:
        report = self._get(session, number)
        if not policy.can_view(session, actor, report):
            raise _denied(t.ERR_NO_ACCESS.format(number=report.number), actor, report, "nekad_visning", channel)
        return report

    def _content(self, session: Session, actor: Person, number: str,
                 channel: str | None = None) -> LexSarahReport:
        report = self._visible(session, actor, number, channel)
        if not policy.can_view_content(session, actor, report):
            raise _denied(t.ERR_NO_ACCESS.format(number=report.number), actor, report, "nekad_visning", channel)
        return report

    def _investigating(self, session: Session, actor: Person, number: str,
                       channel: str | None = None) -> LexSarahReport:
        report = self._visible(session, actor, number, channel)
        if report.investigator_id is None and report.status == S.MOTTAGEN and policy.is_responsible(actor):
            raise UserError(t.ERR_NOT_STARTED.format(number=report.number))
        if report.investigator_id != actor.id:
            investigator = session.get(Person, report.investigator_id) if report.investigator_id else None
            raise _denied(t.ERR_NOT_INVESTIGATOR.format(number=report.number,
                                                        name=investigator.name if investigator else "ingen"),
                          actor, report, "nekad_atgard", channel)
        if report.status == S.AVSLUTAD:
            raise UserError(t.ERR_CLOSED.format(number=report.number))
        return report

    def _managing(self, session: Session, actor: Person, number: str,
                  channel: str | None = None) -> LexSarahReport:
        report = self._visible(session, actor, number, channel)
        if not policy.can_manage(actor, report):
            raise _denied(t.ERR_NOT_MANAGER.format(number=report.number), actor, report, "nekad_atgard", channel)
        if report.status == S.AVSLUTAD:
            raise UserError(t.ERR_CLOSED.format(number=report.number))
        return report

    # --- reporting --------------------------------------------------------------------------------

    def file(self, actor: Person, data: NewLexSarah, *, submission_key: str, channel: str,
             avvikelse_number: str | None = None) -> Filed:
        check_free_text({"what_happened": data.what_happened, "consequence": data.consequence,
                         "immediate_action": data.immediate_action})
        ref_error = case_reference_error(data.case_reference) if data.case_reference else None
        if ref_error:
            raise UserError(ref_error, field="case_reference")
        try:
            with self.db.session() as session:
                unit = unit_by_code(session, data.unit_code)
                if unit is None or unit.id is None:
                    raise UserError("Okänd verksamhet. Välj en i listan.", field="unit")
                assert actor.id is not None
                today = today_local()
                seq = next_in_sequence(session.connection(), f"LXS-{today.year}")
                report = LexSarahReport(
                    number=f"LXS-{today.year}-{seq:04d}", year=today.year, seq=seq, submission_key=submission_key,
                    reported_by_id=actor.id, unit_id=unit.id, event_date=data.event_date,
                    noticed_date=data.noticed_date, what_happened=data.what_happened, consequence=data.consequence,
                    immediate_action=data.immediate_action, case_reference=data.case_reference,
                    due_date=compute("lex_sarah_utredning", today).due, avvikelse_number=avvikelse_number,
                )
                session.add(report)
                session.flush()
                add_event(session, report, S.MOTTAGEN.value, actor.id)
                record(session, actor_id=actor.id, action="skapad", entity_type=ENTITY, entity_ref=report.number,
                       changes={"status": {"old": None, "new": report.status},
                                **({"avvikelse": avvikelse_number} if avvikelse_number else {})}, channel=channel)
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

    def by_avvikelse(self, avvikelse_number: str) -> LexSarahReport | None:
        """The lex Sarah report made from an avvikelse, if any (its number only is shown)."""
        with self.db.read() as session:
            return session.exec(select(LexSarahReport)
                                .where(LexSarahReport.avvikelse_number == avvikelse_number)).first()

    # --- reading ----------------------------------------------------------------------------------

    @audit_refusals
    def view(self, actor: Person, number: str, *, channel: str) -> msg.LexSarahView:
        with self.db.session() as session:
            report = self._visible(session, actor, number, channel)
            state_only = policy.sees_state_only(session, actor, report)
            record(session, actor_id=actor.id, action="visad_utfall" if state_only else "visad", entity_type=ENTITY,
                   entity_ref=report.number, channel=channel)
            unit = session.get(Unit, report.unit_id)
            assert unit is not None
            investigator = session.get(Person, report.investigator_id) if report.investigator_id else None
            events = list(session.exec(select(LexSarahEvent).where(LexSarahEvent.report_id == report.id)
                                       .order_by(col(LexSarahEvent.id))))
            measures = [] if state_only else measures_of(session, report)
            names = _names(session, [e.actor_id for e in events] + [m.responsible_id for m in measures])
            return msg.LexSarahView(report, unit, investigator, report.investigator_id == actor.id,
                                    policy.is_responsible(actor), state_only=state_only, events=events,
                                    measures=measures, names=names, can_manage=policy.can_manage(actor, report),
                                    can_add_measures=policy.can_add_measures(session, actor, report))

    @audit_refusals
    def for_form(self, actor: Person, number: str, *, audit_view: bool = True, channel: str = "form") -> LexSarahReport:
        """The report for a form prefilled with its content: checked like the action, and audited as a view
        (not again when the form comes back on submit, where the change itself is audited)."""
        with self.db.session() as session:
            report = self._investigating(session, actor, number, channel)
            if audit_view:
                record(session, actor_id=actor.id, action="visad_formular", entity_type=ENTITY,
                       entity_ref=report.number, channel=channel)
            return report

    @audit_refusals
    def for_managing(self, actor: Person, number: str) -> LexSarahReport:
        with self.db.read() as session:
            return self._managing(session, actor, number)

    @audit_refusals
    def for_measures(self, actor: Person, number: str) -> LexSarahReport:
        with self.db.read() as session:
            report = self._visible(session, actor, number)
            if not policy.can_add_measures(session, actor, report):
                raise _denied(t.ERR_NOT_MANAGER.format(number=report.number), actor, report, "nekad_atgard")
            return report

    def overview(self, actor: Person) -> msg.Overview:
        with self.db.read() as session:
            rows: list[msg.OverviewRow] = []
            if policy.can_see_overview(actor):
                for report in session.exec(select(LexSarahReport)
                                           .where(LexSarahReport.status != S.AVSLUTAD.value)
                                           .order_by(col(LexSarahReport.created_at))):
                    if not policy.can_view_content(session, actor, report):
                        continue
                    unit = session.get(Unit, report.unit_id)
                    rows.append(msg.OverviewRow(report, unit.name if unit else "?", self._waits_for(session, report)))
            reported = list(session.exec(select(LexSarahReport).where(LexSarahReport.reported_by_id == actor.id)
                                         .order_by(col(LexSarahReport.created_at).desc()).limit(20)))
            return msg.Overview(rows, reported, show_open=policy.can_see_overview(actor))

    def _waits_for(self, session: Session, report: LexSarahReport) -> str:
        investigator = session.get(Person, report.investigator_id) if report.investigator_id else None
        who = investigator.name if investigator else "lex Sarah-ansvariga"
        status = report.status
        if status == S.MOTTAGEN:
            return t.WAITS_RESPONSIBLE
        if status == S.UNDER_UTREDNING:
            return t.WAITS_INVESTIGATOR.format(who=who)
        if status == S.STALLNINGSTAGANDE:
            return t.WAITS_DECISION.format(who=who)
        if status == S.BESLUTAD and report.assessment in t.SERIOUS:
            return t.WAITS_IVO.format(who=who)
        pending = open_measures(session, report)
        if pending:
            names = _names(session, [m.responsible_id for m in pending])
            return t.WAITS_MEASURES.format(who=", ".join(sorted(set(names.values()))))
        if status in (S.BESLUTAD, S.ANMALD_IVO):
            return t.WAITS_PLAN.format(who=who)
        return t.WAITS_CLOSE.format(who=who)

    # --- investigating ----------------------------------------------------------------------------

    @audit_refusals
    def take(self, actor: Person, number: str, *, channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._visible(session, actor, number, channel)
            if not policy.is_responsible(actor):
                raise _denied(t.ERR_NOT_RESPONSIBLE, actor, report, "nekad_utredning")
            if report.status == S.AVSLUTAD:
                raise UserError(t.ERR_CLOSED.format(number=report.number))
            if report.investigator_id is not None:
                holder = session.get(Person, report.investigator_id)
                raise UserError(t.ERR_TAKEN.format(number=report.number, name=holder.name if holder else "?"))
            before = _snapshot(report)
            report.investigator_id = actor.id
            report.investigation_started_at = utcnow()
            add_event(session, report, S.UNDER_UTREDNING.value, actor.id)
            record(session, actor_id=actor.id, action="utredning_startad", entity_type=ENTITY,
                   entity_ref=report.number, changes=diff(before, _snapshot(report)), channel=channel)
            return report

    @audit_refusals
    def save_investigation(self, actor: Person, number: str, data: LexSarahInvestigation, *,
                           channel: str) -> LexSarahReport:
        check_free_text({"inv_causes": data.causes, "inv_happened_before": data.happened_before,
                         "inv_could_recur": data.could_recur, "inv_measures": data.measures,
                         "assessment_motivation": data.motivation})
        with self.db.session() as session:
            report = self._investigating(session, actor, number, channel)
            if report.status not in (S.UNDER_UTREDNING, S.STALLNINGSTAGANDE):
                raise UserError(t.ERR_DECIDED.format(number=report.number))
            before = _snapshot(report)
            report.inv_causes, report.inv_happened_before = data.causes, data.happened_before
            report.inv_could_recur, report.inv_measures = data.could_recur, data.measures
            report.inv_noticed_how, report.inv_other = data.noticed_how, data.other
            report.inv_sources = data.sources
            report.assessment, report.assessment_motivation = data.assessment, data.motivation
            report.updated_at = utcnow()
            if data.assessment:
                report.assessed_at, report.assessed_by_id = utcnow(), actor.id
                add_event(session, report, S.STALLNINGSTAGANDE.value, actor.id)
            elif report.status == S.STALLNINGSTAGANDE:
                add_event(session, report, S.UNDER_UTREDNING.value, actor.id)
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
    def record_decision(self, actor: Person, number: str, data: DecisionInput, *, channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._managing(session, actor, number, channel)
            if report.status != S.STALLNINGSTAGANDE:
                raise UserError(t.ERR_DECISION_STATE.format(number=report.number))
            if data.by not in t.DECISION_BY:
                raise UserError("Välj nämnd, utskott eller delegat.", field="decision_by")
            if data.decided_on > today_local():
                raise UserError(t.ERR_FUTURE, field="decided_on")
            started = _local_date(report.investigation_started_at) or report.noticed_date
            if data.decided_on < started:
                raise UserError(t.ERR_DECISION_BEFORE_START.format(start=started.isoformat()), field="decided_on")
            check_free_text({"decision_by_name": data.by_name})
            before = _snapshot(report)
            report.decision_by, report.decision_by_name = data.by, data.by_name
            report.decided_on, report.decision_recorded_by_id = data.decided_on, actor.id
            add_event(session, report, S.BESLUTAD.value, actor.id, data.decided_on)
            enter_measures_if_any(session, report, actor.id)
            if report.assessment in t.SERIOUS and report.ivo_reported_on is None:
                # "snarast": decided as allvarligt, so remind whoever carries it, now, to register the anmälan
                for pid in {report.investigator_id, actor.id} - {None}:
                    assert pid is not None
                    outbox.plan(session, key=f"lexsarah:{report.number}:ivo:beslut:{pid}", kind="lexsarah_ivo",
                                recipient_id=pid, message=msg.ivo_reminder(report),
                                subject=f"lexsarah:{report.number}:ivo", reference=report.number)
            record(session, actor_id=actor.id, action="beslut_registrerat", entity_type=ENTITY,
                   entity_ref=report.number, changes=diff(before, _snapshot(report)), channel=channel)
            return report

    @audit_refusals
    def register_ivo(self, actor: Person, number: str, data: IvoInput, *, channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._managing(session, actor, number, channel)
            if report.assessment not in t.SERIOUS:
                raise UserError(t.ERR_IVO_NOT_SERIOUS.format(number=report.number))
            if report.decided_on is None or report.status not in DECIDED_STATES:
                raise UserError(t.ERR_IVO_NO_DECISION.format(number=report.number))
            if data.sent_on > today_local():
                raise UserError(t.ERR_FUTURE, field="ivo_date")
            if data.sent_on < report.decided_on:
                raise UserError(t.ERR_IVO_BEFORE_DECISION.format(decided=report.decided_on.isoformat()),
                                field="ivo_date")
            if not data.reference.strip():
                raise UserError("Ange IVO:s diarienummer.", field="ivo_reference")
            check_free_text({"ivo_reference": data.reference})
            before = _snapshot(report)
            report.ivo_reported_on, report.ivo_reference = data.sent_on, data.reference.strip()
            report.ivo_recorded_by_id = actor.id
            if report.status == S.BESLUTAD:
                add_event(session, report, S.ANMALD_IVO.value, actor.id, data.sent_on)
                enter_measures_if_any(session, report, actor.id)
            session.add(report)
            outbox.cancel(session, f"lexsarah:{report.number}:ivo:")
            record(session, actor_id=actor.id, action="anmald_ivo", entity_type=ENTITY, entity_ref=report.number,
                   changes=diff(before, _snapshot(report)), channel=channel)
            return report

    # --- handlingsplan ----------------------------------------------------------------------------

    @audit_refusals
    def add_measure(self, actor: Person, number: str, data: MeasureInput, *,
                    channel: str) -> tuple[LexSarahMeasure, Person]:
        from bot.reminders.handlingsplan import plan_reminder  # reminders import this module too

        check_free_text({"description": data.description})
        if not data.responsible.strip():
            raise UserError(t.ERR_RESPONSIBLE_MISSING, field="responsible")
        with self.db.session() as session:
            report = self._visible(session, actor, number, channel)
            if not policy.can_add_measures(session, actor, report):
                raise _denied(t.ERR_NOT_MANAGER.format(number=report.number), actor, report, "nekad_atgard")
            if report.status not in PLAN_STATES:
                raise UserError(t.ERR_MEASURE_STATE.format(number=report.number))
            responsible = find_person(session, data.responsible)
            if responsible is None or responsible.id is None or not responsible.active:
                raise UserError(t.ERR_RESPONSIBLE_UNKNOWN, field="responsible")
            from bot.lex_sarah.forms import measure_date_errors

            date_errors = measure_date_errors(data.planned_date, data.follow_up_date, today_local())
            if date_errors:
                field, message = next(iter(date_errors.items()))
                raise UserError(message, field=field)
            assert report.id is not None
            position = len(measures_of(session, report)) + 1
            measure = LexSarahMeasure(report_id=report.id, position=position, description=data.description,
                                      responsible_id=responsible.id, planned_date=data.planned_date,
                                      follow_up_date=data.follow_up_date, created_by_id=actor.id)
            session.add(measure)
            session.flush()
            if report.status in (S.ANMALD_IVO, S.UPPFOLJNING) or (
                    report.status == S.BESLUTAD and report.assessment not in t.SERIOUS):
                add_event(session, report, S.ATGARDER.value, actor.id)
            record(session, actor_id=actor.id, action="atgard_tillagd", entity_type=ENTITY,
                   entity_ref=report.number,
                   changes={"measure_id": measure.id, "position": position, "responsible_id": responsible.id,
                            "planned_date": data.planned_date.isoformat()}, channel=channel)
            plan_reminder(session, self.settings, report, measure)
            return measure, responsible

    # --- closing ----------------------------------------------------------------------------------

    @audit_refusals
    def close(self, actor: Person, number: str, *, channel: str) -> LexSarahReport:
        with self.db.session() as session:
            report = self._managing(session, actor, number, channel)
            if not report.assessment:
                raise UserError(t.ERR_NOT_ASSESSED)
            if report.decided_on is None or report.status not in DECIDED_STATES:
                raise UserError(t.ERR_CLOSE_NO_DECISION.format(number=report.number))
            if report.assessment in t.SERIOUS and report.ivo_reported_on is None:
                raise UserError(t.ERR_IVO_MISSING.format(number=report.number))
            pending = open_measures(session, report)
            if pending:
                raise UserError(t.ERR_CLOSE_OPEN_MEASURES.format(
                    number=report.number, positions=", ".join(str(m.position) for m in pending)))
            before = _snapshot(report)
            report.closed_at = utcnow()
            report.closed_by_id = actor.id
            add_event(session, report, S.AVSLUTAD.value, actor.id)
            for measure in measures_of(session, report):  # each measure's reminders have their own subject
                outbox.cancel(session, measure_subject(report.number, measure.id))
            record(session, actor_id=actor.id, action="avslutad", entity_type=ENTITY, entity_ref=report.number,
                   changes={**diff(before, _snapshot(report)), "status": {"old": before["status"], "new": "avslutad"}},
                   channel=channel)
            outbox.plan(session, key=f"lexsarah:{report.number}:besked", kind="lexsarah_besked",
                        recipient_id=report.reported_by_id, message=msg.done_for_reporter(report))
            return report

    # --- documents --------------------------------------------------------------------------------

    @audit_refusals
    def document_data(self, actor: Person, number: str, *, channel: str = "cli") -> DocumentData:
        """What the Word document holds, for those who may see the content; audited as made."""
        with self.db.session() as session:
            report = self._get(session, number)
            if not policy.can_make_document(session, actor, report):
                raise _denied(t.ERR_NO_ACCESS.format(number=report.number), actor, report, "nekad_dokument")
            unit = session.get(Unit, report.unit_id)
            investigator = session.get(Person, report.investigator_id) if report.investigator_id else None
            events = list(session.exec(select(LexSarahEvent).where(LexSarahEvent.report_id == report.id)
                                       .order_by(col(LexSarahEvent.id))))
            measures = measures_of(session, report)
            names = _names(session, [e.actor_id for e in events] + [m.responsible_id for m in measures])
            provenance = _provenance(session, report)
            record(session, actor_id=actor.id, action="dokument_skapat", entity_type=ENTITY,
                   entity_ref=report.number, changes={"format": "docx"}, channel=channel)
            return DocumentData(report, unit.name if unit else "?", investigator.name if investigator else None,
                                events, measures, names, made_by=actor.name, made_at=utcnow(),
                                provenance=provenance)


ROLE_TITLES = {"lex_sarah_ansvarig": "lex Sarah-ansvarig", "verksamhetschef": "verksamhetschef",
               "enhetschef": "enhetschef", "kvalitetsenhet": "kvalitetsenheten", "teamledare": "teamledare",
               "handläggare": "handläggare", "medarbetare": "medarbetare"}


def _provenance(session: Session, report: LexSarahReport) -> dict[str, str]:
    """For each part of the investigation: the day it was last recorded, and who (name and title),
    read from the audit log (SOSFS 2011:5 asks for both). The report's own parts come from the report."""
    from bot.audit.log import entries_for
    from bot.lex_sarah.document import REPORT_FIELDS

    reported = _local_date(report.created_at)
    out = {key: f"{reported.isoformat() if reported else '?'}, ur lex Sarah-rapporten" for key in REPORT_FIELDS}
    people: dict[int, Person | None] = {}
    for entry in entries_for(session, report.number):
        if entry.actor_id is None or entry.entity_type != ENTITY:
            continue
        person = people.setdefault(entry.actor_id, session.get(Person, entry.actor_id))
        if person is None:
            continue
        title = next((ROLE_TITLES[r] for r in ROLE_TITLES if r in person.roles), "")
        who = f"{person.name} ({title})" if title else person.name
        for key in entry.changes:
            if key.startswith("inv_") or key == "assessment":
                out[key] = f"{_local_date(entry.at)}, {who}"
    return out


def _names(session: Session, ids: list[int | None]) -> dict[int, str]:
    out: dict[int, str] = {}
    for pid in {i for i in ids if i is not None}:
        person = session.get(Person, pid)
        if person is not None:
            out[pid] = person.name
    return out


def _local_date(moment: datetime | None) -> date | None:
    from bot.clock import to_local

    return to_local(moment).date() if moment else None


def verksamhetschef_id(session: Session, report: LexSarahReport) -> int | None:
    unit = session.get(Unit, report.unit_id)
    vc = verksamhetschef_for(session, unit) if unit else None
    return vc.id if vc else None
