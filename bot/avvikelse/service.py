"""Avvikelse use cases: file, view, investigate, add measures, close, reopen, hand over (follow-ups: follow_ups.py).

Every method checks permissions, validates state, writes the audit log and plans notifications in
one transaction: either all of it happens, or nothing does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.audit.log import diff, record, record_row
from bot.audit.refusals import audit_refusals, denied
from bot.avvikelse import messages as msg
from bot.avvikelse import policy
from bot.avvikelse import texts as t
from bot.avvikelse.forms import InvestigationInput, MeasureInput, NewReport
from bot.clock import to_local, today_local, utcnow
from bot.config import Settings
from bot.deadlines.calculator import compute
from bot.errors import NotFound, PermissionDenied, UserError
from bot.org.cache import org_snapshot
from bot.org.directory import find_person, people_with_role
from bot.privacy.case_reference import case_reference_error
from bot.privacy.guard import check_free_text
from bot.reminders import outbox
from bot.reminders.follow_ups import plan_reminder
from bot.ui.model import Message
from bot.ui.texts import ERR_UNKNOWN_PERSON
from storage import prepared
from storage.db import Database
from storage.models import (
    Avvikelse,
    AvvikelseStatus,
    FollowUp,
    FollowUpStatus,
    Measure,
    Person,
    Role,
    Unit,
)
from storage.upsert import next_in_sequence

_AVVIKELSE: Table = Avvikelse.__table__  # type: ignore[attr-defined]
# The hot path's INSERT (see _store), its columns as _store gives them.
_INSERT_REPORT = prepared.insert(_AVVIKELSE, [
    "number", "year", "seq", "submission_key", "created_at", "updated_at", "reported_by_id", "unit_id",
    "investigator_id", "event_date", "subject", "origin", "category", "what_happened", "consequence",
    "immediate_action", "case_reference", "due_date", "status", "reopen_count",
], returning=_AVVIKELSE.c.id)
NUMBER = re.compile(r"^AVV-(\d{4})-(\d{4,})$", re.IGNORECASE)
ENTITY = "avvikelse"


def normalise_number(raw: str) -> str:
    m = NUMBER.match(raw.strip())
    if not m:
        raise UserError(t.ERR_BAD_NUMBER)
    return f"AVV-{m.group(1)}-{m.group(2)}"


def investigation_due(reported: date) -> date:
    """The local target `avvikelse_utredning` of the deadline rules (six weeks from the report by
    default; a local target, so never moved for holidays). Change it in the rules file."""
    return compute("avvikelse_utredning", reported).due


def _snapshot(report: Avvikelse) -> dict[str, object]:
    return {
        "status": report.status,
        "investigator_id": report.investigator_id,
        "inv_course": report.inv_course,
        "inv_what_went_wrong": report.inv_what_went_wrong,
        "inv_causes": report.inv_causes,
        "inv_lex_sarah": report.inv_lex_sarah,
        "inv_follow_up_date": report.inv_follow_up_date,
    }


def _denied(message: str, actor: Person, report: Avvikelse, action: str, channel: str | None) -> PermissionDenied:
    return denied(message, actor_id=actor.id, action=action, entity_type=ENTITY, entity_ref=report.number,
                  channel=channel)


def _check_case_reference(ref: str | None) -> None:
    error = case_reference_error(ref) if ref else None
    if error:
        raise UserError(error, field="case_reference")


@dataclass(frozen=True)
class Filed:
    report: Avvikelse
    investigator: Person
    unit: Unit
    created: bool  # False when the same submission was already stored

    @cached_property
    def receipt(self) -> Message:
        """The reporter's receipt: the same text in the form's answer as in the DM (built once)."""
        return msg.receipt(self.report, self.unit, self.investigator)


class AvvikelseService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    # --- lookups ----------------------------------------------------------------------------------

    def _get(self, session: Session, number: str) -> Avvikelse:
        number = normalise_number(number)
        report = session.exec(select(Avvikelse).where(Avvikelse.number == number)).first()
        if report is None:
            raise NotFound(t.ERR_NOT_FOUND.format(number=number))
        return report

    def _require_view(self, session: Session, actor: Person, report: Avvikelse, channel: str) -> None:
        if not policy.can_view(session, actor, report):
            raise _denied(t.ERR_NO_ACCESS.format(number=report.number), actor, report, "nekad_visning", channel)

    def _require_investigator(self, session: Session, actor: Person, report: Avvikelse,
                              channel: str | None = None) -> None:
        if not policy.is_investigator(actor, report):
            name = self._name(session, report.investigator_id)
            raise _denied(t.ERR_NOT_INVESTIGATOR.format(name=name, number=report.number), actor, report,
                          "nekad_atgard", channel)

    def _for_investigator(self, session: Session, actor: Person, number: str, channel: str) -> Avvikelse:
        """The report, if the actor investigates it and it is still open."""
        report = self._get(session, number)
        self._require_view(session, actor, report, channel)
        self._require_investigator(session, actor, report, channel)
        self._require_open(report)
        return report

    def _require_open(self, report: Avvikelse) -> None:
        if report.status == AvvikelseStatus.AVSLUTAD:
            raise UserError(t.ERR_CLOSED.format(number=report.number))

    # --- filing -----------------------------------------------------------------------------------

    def file(self, actor: Person, data: NewReport, *, submission_key: str, channel: str) -> Filed:
        """Store a new report. The same submission_key twice returns the first report (retries, double clicks)."""
        # Forms check this already; the core refuses too, whatever the caller.
        check_free_text({"what_happened": data.what_happened, "consequence": data.consequence,
                         "immediate_action": data.immediate_action})
        _check_case_reference(data.case_reference)
        try:
            return self._file(actor, data, submission_key, channel)
        except IntegrityError:
            # Another request with the same submission key won the race; return what it stored.
            with self.db.read() as session:
                existing = session.exec(
                    select(Avvikelse).where(Avvikelse.submission_key == submission_key)
                ).first()
                if existing is None:
                    raise
                return self._filed(session, existing, created=False)

    def _filed(self, session: Session, report: Avvikelse, created: bool) -> Filed:
        unit = session.get(Unit, report.unit_id)
        chef = session.get(Person, report.investigator_id)
        assert unit is not None and chef is not None
        return Filed(report, chef, unit, created)

    def _file(self, actor: Person, data: NewReport, submission_key: str, channel: str) -> Filed:
        # No look-up for an earlier copy first: the unique submission key refuses a second insert,
        # and `file` then returns the first report (the counter rolls back with the failed insert).
        # The hot path of every submission: the organisation comes from the cache (checked against
        # this transaction's generation), the rows go in as plain INSERTs, five statements in all,
        # and submissions arriving together share one commit (see Database.write_shared).
        return self.db.write_shared(lambda conn: self._store(conn, actor, data, submission_key, channel))

    def _store(self, conn: Connection, actor: Person, data: NewReport, submission_key: str, channel: str) -> Filed:
        org = org_snapshot(self.db, conn)
        unit = org.unit_by_code(data.unit_code)
        if unit is None:
            raise UserError(t.ERR_UNKNOWN_UNIT, field="unit")
        if data.category not in self.settings.avvikelse_categories:
            raise UserError("Okänd kategori. Välj en kategori i listan.", field="category")
        chef = org.investigating_chef(unit)
        assert actor.id is not None and unit.id is not None
        if chef is None or chef.id is None:
            raise UserError(t.ERR_NO_CHEF_FOR_UNIT.format(unit=unit.name), field="unit")
        now = utcnow()
        today = today_local()
        year = today.year
        seq = next_in_sequence(conn, f"AVV-{year}")
        values: dict[str, Any] = {
            "number": f"AVV-{year}-{seq:04d}", "year": year, "seq": seq, "submission_key": submission_key,
            "created_at": now, "updated_at": now, "reported_by_id": actor.id, "unit_id": unit.id,
            "investigator_id": chef.id, "event_date": data.event_date, "subject": data.subject,
            "origin": data.origin, "category": data.category, "what_happened": data.what_happened,
            "consequence": data.consequence, "immediate_action": data.immediate_action,
            "case_reference": data.case_reference, "due_date": investigation_due(today),
            "status": AvvikelseStatus.MOTTAGEN.value, "reopen_count": 0,
        }
        inserted = _INSERT_REPORT.execute(conn, values)
        assert inserted is not None
        # The stored row as an object for the messages, without ORM bookkeeping (a tenth of the cost);
        # it is not attached to a session: load the report to change it.
        report = Avvikelse.model_construct(id=inserted[0], **values)
        record_row(conn, actor_id=actor.id, action="skapad", entity_type=ENTITY, entity_ref=report.number,
                   changes={"status": {"old": None, "new": report.status},
                            "investigator_id": {"old": None, "new": chef.id}}, channel=channel)
        filed = Filed(report, chef, unit, created=True)
        outbox.plan_new(conn, [
            outbox.Delivery(f"avvikelse:{report.number}:kvitto", "avvikelse_kvitto", actor.id, filed.receipt),
            outbox.Delivery(f"avvikelse:{report.number}:tilldelad:{chef.id}:0", "avvikelse_tilldelad", chef.id,
                            msg.assigned(report, unit)),
        ])
        return filed

    # --- reading ----------------------------------------------------------------------------------

    @audit_refusals
    def view(self, actor: Person, number: str, *, channel: str) -> msg.ReportView:
        with self.db.session() as session:
            report = self._get(session, number)
            self._require_view(session, actor, report, channel)
            record(session, actor_id=actor.id, action="visad", entity_type=ENTITY, entity_ref=report.number,
                   channel=channel)
            return self._view(session, actor, report)

    def _view(self, session: Session, actor: Person, report: Avvikelse) -> msg.ReportView:
        unit = session.get(Unit, report.unit_id)
        reporter = session.get(Person, report.reported_by_id)
        investigator = session.get(Person, report.investigator_id)
        assert unit and reporter and investigator
        return msg.ReportView(
            report=report,
            unit=unit,
            reporter=reporter,
            investigator=investigator,
            measures=self._measures(session, report),
            follow_ups=list(session.exec(select(FollowUp).where(FollowUp.avvikelse_id == report.id)
                                         .order_by(col(FollowUp.due_date)))),
            viewer_is_investigator=policy.is_investigator(actor, report),
            viewer_can_reopen=policy.can_reassign_or_reopen(session, actor, report),
        )

    def _measures(self, session: Session, report: Avvikelse) -> list[tuple[Measure, Person]]:
        rows = session.exec(
            select(Measure, Person)
            .where(Measure.avvikelse_id == report.id, col(Measure.removed).is_(False))
            .where(Measure.responsible_id == Person.id)
            .order_by(col(Measure.due_date), col(Measure.id))
        )
        return [(m, p) for m, p in rows]

    @audit_refusals
    def report_for_form(self, actor: Person, number: str, *, need_investigator: bool = True,
                        purpose: str | None = None, audit_view: bool = False, channel: str = "form") -> Avvikelse:
        """Load a report to prefill a form; the same checks as the action the form leads to, made before
        anyone is asked a question (`purpose` "handover" or "reopen": the checks of hand_over / reopen).
        Opening a form is audited as a view (`audit_view`); rebuilding it when it comes back on submit is not."""
        with self.db.session() as session:
            report = self._get(session, number)
            self._require_view(session, actor, report, channel)
            if need_investigator:
                self._require_investigator(session, actor, report, channel)
                self._require_open(report)
            if purpose == "handover":
                if not policy.can_reassign_or_reopen(session, actor, report):
                    name = self._name(session, report.investigator_id)
                    raise _denied(t.ERR_NOT_INVESTIGATOR.format(name=name, number=report.number), actor, report,
                                  "nekad_overlamning", channel)
                self._require_open(report)
            if purpose == "reopen":
                if not policy.can_reassign_or_reopen(session, actor, report):
                    raise _denied(t.ERR_REOPEN_RIGHTS, actor, report, "nekad_oppning", channel)
                if report.status != AvvikelseStatus.AVSLUTAD:
                    raise UserError(t.ERR_NOT_CLOSED.format(number=report.number))
            if audit_view:
                record(session, actor_id=actor.id, action="visad_formular", entity_type=ENTITY,
                       entity_ref=report.number, channel=channel)
            return report

    def measure_count(self, number: str) -> int:
        """How many measures a report has (for asking before closing without one)."""
        with self.db.read() as session:
            return len(self._measures(session, self._get(session, number)))

    def overview(self, actor: Person) -> msg.Overview:
        with self.db.read() as session:
            reported = list(session.exec(
                select(Avvikelse).where(Avvikelse.reported_by_id == actor.id)
                .order_by(col(Avvikelse.created_at).desc()).limit(20)
            ))
            to_investigate = list(session.exec(
                select(Avvikelse).where(Avvikelse.investigator_id == actor.id,
                                        Avvikelse.status != AvvikelseStatus.AVSLUTAD.value)
                .order_by(col(Avvikelse.due_date))
            ))
            follow_ups = [
                (f, r) for f, r in session.exec(
                    select(FollowUp, Avvikelse)
                    .where(FollowUp.owner_id == actor.id, FollowUp.status == FollowUpStatus.PLANERAD.value)
                    .where(FollowUp.avvikelse_id == Avvikelse.id)
                    .order_by(col(FollowUp.due_date))
                )
            ]
            return msg.Overview(reported, to_investigate, follow_ups)

    # --- investigating ----------------------------------------------------------------------------

    @audit_refusals
    def start_investigation(self, actor: Person, number: str, *, channel: str) -> Avvikelse:
        with self.db.session() as session:
            report = self._for_investigator(session, actor, number, channel)
            if report.status == AvvikelseStatus.UNDER_UTREDNING:
                raise UserError(t.ERR_ALREADY_STARTED.format(number=report.number))
            self._start(session, actor, report, channel)
            return report

    def _start(self, session: Session, actor: Person, report: Avvikelse, channel: str) -> None:
        before = _snapshot(report)
        report.status = AvvikelseStatus.UNDER_UTREDNING.value
        report.investigation_started_at = report.investigation_started_at or utcnow()
        report.updated_at = utcnow()
        session.add(report)
        record(session, actor_id=actor.id, action="utredning_startad", entity_type=ENTITY,
               entity_ref=report.number, changes=diff(before, _snapshot(report)), channel=channel)

    @audit_refusals
    def save_investigation(
        self, actor: Person, number: str, data: InvestigationInput, *, channel: str
    ) -> Avvikelse:
        check_free_text({"inv_course": data.course, "inv_what_went_wrong": data.what_went_wrong,
                         "inv_causes": data.causes})
        with self.db.session() as session:
            report = self._for_investigator(session, actor, number, channel)
            if report.status == AvvikelseStatus.MOTTAGEN:
                self._start(session, actor, report, channel)
            before = _snapshot(report)
            report.inv_course = data.course
            report.inv_what_went_wrong = data.what_went_wrong
            report.inv_causes = data.causes
            report.inv_lex_sarah = data.lex_sarah
            report.inv_follow_up_date = data.follow_up_date
            report.updated_at = utcnow()
            action = "utkast_sparat"
            if data.close:
                action = "avslutad"
                self._close(session, actor, report)
            # "Ja" and "Osäker" both bring in the lex Sarah-ansvariga (an unsure case must not fall through).
            if data.lex_sarah in ("ja", "osaker") and before["inv_lex_sarah"] != data.lex_sarah:
                self._tell_lex_sarah(session, report)
            session.add(report)
            record(session, actor_id=actor.id, action=action, entity_type=ENTITY, entity_ref=report.number,
                   changes=diff(before, _snapshot(report)), channel=channel)
            return report

    def _tell_lex_sarah(self, session: Session, report: Avvikelse) -> None:
        """The investigating chef judges that this should be handled under lex Sarah: tell those who
        receive lex Sarah reports (number and unit only; the content stays in the report)."""
        unit = session.get(Unit, report.unit_id)
        assert unit is not None
        outbox.plan_all(session, [
            outbox.Delivery(f"avvikelse:{report.number}:lex_sarah:{p.id}", "avvikelse_lex_sarah", p.id,
                            msg.lex_sarah_flag(report, unit, unsure=report.inv_lex_sarah == "osaker"))
            for p in people_with_role(session, Role.LEX_SARAH_ANSVARIG) if p.id is not None
        ])

    def _close(self, session: Session, actor: Person, report: Avvikelse) -> None:
        assert actor.id is not None and report.id is not None
        report.status = AvvikelseStatus.AVSLUTAD.value
        report.closed_at = utcnow()
        report.closed_by_id = actor.id
        measures = self._measures(session, report)
        planned: list[tuple[date, Measure | None]] = [(m.due_date, m) for m, _ in measures]
        if report.inv_follow_up_date:
            planned.append((report.inv_follow_up_date, None))
        existing = {
            (f.measure_id, f.due_date)
            for f in session.exec(select(FollowUp).where(FollowUp.avvikelse_id == report.id))
        }
        for due, measure in planned:
            measure_id = measure.id if measure else None
            if (measure_id, due) in existing:  # reopened and closed again: keep the first one
                continue
            follow_up = FollowUp(avvikelse_id=report.id, measure_id=measure_id, owner_id=actor.id, due_date=due,
                                 remind_on=due)
            session.add(follow_up)
            session.flush()
            plan_reminder(session, self.settings, report, follow_up)
        outbox.plan(
            session,
            key=f"avvikelse:{report.number}:aterkoppling:{report.reopen_count}",
            kind="avvikelse_aterkoppling",
            recipient_id=report.reported_by_id,
            message=msg.feedback(report, actor, measures),
        )

    @audit_refusals
    def add_measure(self, actor: Person, number: str, data: MeasureInput, *, channel: str) -> tuple[Measure, Person]:
        check_free_text({"description": data.description})
        with self.db.session() as session:
            report = self._for_investigator(session, actor, number, channel)
            responsible = find_person(session, data.responsible_ref)
            if responsible is None or responsible.id is None:
                raise UserError(ERR_UNKNOWN_PERSON, field="responsible")
            if report.status == AvvikelseStatus.MOTTAGEN:
                self._start(session, actor, report, channel)
            assert report.id is not None
            measure = Measure(avvikelse_id=report.id, description=data.description,
                              responsible_id=responsible.id, due_date=data.due_date)
            session.add(measure)
            session.flush()
            report.updated_at = utcnow()
            session.add(report)
            record(session, actor_id=actor.id, action="atgard_tillagd", entity_type=ENTITY,
                   entity_ref=report.number,
                   changes={"measure_id": {"old": None, "new": measure.id},
                            "responsible_id": {"old": None, "new": responsible.id},
                            "due_date": {"old": None, "new": data.due_date.isoformat()}},
                   channel=channel)
            return measure, responsible

    @audit_refusals
    def hand_over(self, actor: Person, number: str, to_ref: str, reason: str, *, channel: str) -> Person:
        check_free_text({"reason": reason})
        with self.db.session() as session:
            report = self._get(session, number)
            self._require_view(session, actor, report, channel)
            if not policy.can_reassign_or_reopen(session, actor, report):
                name = self._name(session, report.investigator_id)
                raise _denied(t.ERR_NOT_INVESTIGATOR.format(name=name, number=report.number), actor, report,
                              "nekad_overlamning", channel)
            self._require_open(report)
            new = find_person(session, to_ref)
            if new is None or new.id is None:
                raise UserError(ERR_UNKNOWN_PERSON, field="to")
            if not policy.can_investigate(new):
                raise UserError(t.ERR_NOT_A_CHEF, field="to")
            if new.id == report.investigator_id:
                raise UserError(t.ERR_SAME_INVESTIGATOR, field="to")
            before = _snapshot(report)
            report.investigator_id = new.id
            report.updated_at = utcnow()
            session.add(report)
            entry = record(session, actor_id=actor.id, action="overlamnad", entity_type=ENTITY,
                           entity_ref=report.number,
                           changes={**diff(before, _snapshot(report)), "reason": reason}, channel=channel)
            session.flush()
            unit = session.get(Unit, report.unit_id)
            assert unit is not None
            outbox.plan(session, key=f"avvikelse:{report.number}:tilldelad:{new.id}:{entry.id}",
                        kind="avvikelse_tilldelad", recipient_id=new.id,
                        message=msg.assigned(report, unit, handed_over_by=actor))
            return new

    @audit_refusals
    def reopen(self, actor: Person, number: str, reason: str, *, channel: str) -> Avvikelse:
        check_free_text({"reason": reason})
        with self.db.session() as session:
            report = self._get(session, number)
            self._require_view(session, actor, report, channel)
            if not policy.can_reassign_or_reopen(session, actor, report):
                raise _denied(t.ERR_REOPEN_RIGHTS, actor, report, "nekad_oppning", channel)
            if report.status != AvvikelseStatus.AVSLUTAD:
                raise UserError(t.ERR_NOT_CLOSED.format(number=report.number))
            before = _snapshot(report)
            report.status = AvvikelseStatus.UNDER_UTREDNING.value
            report.closed_at = None
            report.closed_by_id = None
            report.reopen_count += 1
            report.updated_at = utcnow()
            session.add(report)
            record(session, actor_id=actor.id, action="oppnad_igen", entity_type=ENTITY, entity_ref=report.number,
                   changes={**diff(before, _snapshot(report)), "reason": reason}, channel=channel)
            return report

    def _name(self, session: Session, person_id: int | None) -> str:
        person = session.get(Person, person_id) if person_id else None
        return person.name if person else "okänd"

    # --- export -----------------------------------------------------------------------------------

    def export_rows(self, start: date | None, end: date | None) -> list[dict[str, object]]:
        """Every field except the audit log, for kvalitetsenheten (dates filter on the reporting day)."""
        with self.db.session() as session:
            people = {p.id: p for p in session.exec(select(Person))}
            units = {u.id: u for u in session.exec(select(Unit))}
            measures: dict[int, list[Measure]] = {}
            for m in session.exec(select(Measure).where(col(Measure.removed).is_(False))):
                measures.setdefault(m.avvikelse_id, []).append(m)
            rows = []
            for r in session.exec(select(Avvikelse).order_by(col(Avvikelse.year), col(Avvikelse.seq))):
                reported_on = to_local(r.created_at).date()
                if (start and reported_on < start) or (end and reported_on > end):
                    continue
                rows.append(_export_row(r, people, units, measures.get(r.id or 0, []), reported_on))
            record(session, actor_id=None, action="export", entity_type=ENTITY, entity_ref="*",
                   changes={"rows": len(rows), "from": start.isoformat() if start else None,
                            "to": end.isoformat() if end else None}, channel="cli")
            return rows


EXPORT_COLUMNS = [
    "nummer", "rapporterad_datum", "handelsedatum", "enhet_kod", "enhet", "typ", "ursprung", "kategori",
    "vad_hande", "konsekvens", "gjordes_direkt", "arendereferens", "rapporterad_av", "utredande_chef",
    "utreds_senast", "status", "utredning_startad", "handelseforlopp", "vad_gick_fel", "orsaker",
    "lex_sarah_bedomning", "uppfoljning_datum", "avslutad", "avslutad_av", "antal_gang_oppnad_igen",
    "atgarder", "antal_atgarder",
]


def _export_row(
    r: Avvikelse, people: dict[int | None, Person], units: dict[int | None, Unit], measures: list[Measure],
    reported_on: date,
) -> dict[str, object]:
    def name(pid: int | None) -> str | None:
        p = people.get(pid)
        return p.name if p else None

    unit = units.get(r.unit_id)
    return {
        "nummer": r.number,
        "rapporterad_datum": reported_on.isoformat(),
        "handelsedatum": r.event_date.isoformat(),
        "enhet_kod": unit.code if unit else None,
        "enhet": unit.name if unit else None,
        "typ": r.subject,
        "ursprung": r.origin,
        "kategori": r.category,
        "vad_hande": r.what_happened,
        "konsekvens": r.consequence,
        "gjordes_direkt": r.immediate_action,
        "arendereferens": r.case_reference,
        "rapporterad_av": name(r.reported_by_id),
        "utredande_chef": name(r.investigator_id),
        "utreds_senast": r.due_date.isoformat(),
        "status": r.status,
        "utredning_startad": r.investigation_started_at.isoformat() if r.investigation_started_at else None,
        "handelseforlopp": r.inv_course,
        "vad_gick_fel": r.inv_what_went_wrong,
        "orsaker": r.inv_causes,
        "lex_sarah_bedomning": r.inv_lex_sarah,
        "uppfoljning_datum": r.inv_follow_up_date.isoformat() if r.inv_follow_up_date else None,
        "avslutad": r.closed_at.isoformat() if r.closed_at else None,
        "avslutad_av": name(r.closed_by_id),
        "antal_gang_oppnad_igen": r.reopen_count,
        "atgarder": "; ".join(f"{m.description} ({name(m.responsible_id)}, {m.due_date.isoformat()})"
                              for m in measures),
        "antal_atgarder": len(measures),
    }
