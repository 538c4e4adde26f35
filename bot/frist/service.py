"""Case-deadline use cases: register, decide a förhandsbedömning, extend, close, reassign, list.

Each change is one transaction with its audit entry and its reminders (outbox rows, replanned when
the date or the handläggare changes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from bot.audit.log import diff, record
from bot.audit.refusals import audit_refusals, denied
from bot.clock import today_local, utcnow
from bot.config import Settings
from bot.deadlines.calculator import InvalidStart, compute
from bot.deadlines.rules import UnknownKind
from bot.errors import NotFound, UserError
from bot.frist import messages as msg
from bot.frist import policy
from bot.frist import texts as t
from bot.org.directory import find_person
from bot.privacy.case_reference import case_reference_error
from bot.privacy.guard import check_free_text
from bot.reminders import outbox
from bot.reminders.frist_slots import at_morning, reminder_slots
from bot.ui.texts import ERR_UNKNOWN_PERSON
from storage.db import Database
from storage.models import Person, Role
from storage.models.frist import CaseDeadline, FristStatus

ENTITY = "frist"


def plan_deadline_reminders(session: Session, settings: Settings, deadline: CaseDeadline, *,
                            new: bool = False) -> None:
    """(Re)plan a deadline's reminders to its handläggare (also when the organisation moves it)."""
    if not new:  # a new deadline has nothing planned yet: no look-up at all
        outbox.cancel(session, reminder_subject(deadline))
    outbox.plan_all(session, reminder_deliveries(settings, deadline, today_local()))


def reminder_deliveries(settings: Settings, deadline: msg.DeadlineFacts, today: date) -> list[outbox.Delivery]:
    """The reminders still ahead for an active deadline (none for a closed one)."""
    if deadline.status != FristStatus.AKTIV:
        return []
    return [
        outbox.Delivery(
            key=f"frist:{deadline.id}:{slot.stage}:{deadline.due_date.isoformat()}:{deadline.handlaggare_id}",
            kind=f"frist_{slot.stage}",
            recipient_id=deadline.handlaggare_id,
            message=msg.reminder(deadline, slot.stage, slot.day),
            due_at=at_morning(slot.day, settings.working_hours_start),
            subject=reminder_subject(deadline),
            reference=f"{deadline.label} {deadline.case_ref}",
        )
        for slot in reminder_slots(deadline.statutory_date, deadline.due_date, today)
    ]


LABEL = re.compile(r"^(?:F-)?(\d{1,9})$", re.IGNORECASE)


def parse_label(raw: str) -> int:
    m = LABEL.match(raw.strip())
    if not m:
        raise UserError(t.ERR_BAD_LABEL)
    return int(m.group(1))


def check_case_ref(raw: str, *, field: str = "case_ref") -> str:
    ref = raw.strip()
    error = case_reference_error(ref)
    if error:
        raise UserError(error, field=field)
    return ref


def reminder_subject(deadline: msg.DeadlineFacts) -> str:
    """The outbox subject of a deadline's reminders: replanning cancels by it."""
    return f"frist:{deadline.id}"


def _snapshot(d: CaseDeadline) -> dict[str, object]:
    return {"status": d.status, "due_date": d.due_date, "handlaggare_id": d.handlaggare_id, "outcome": d.outcome,
            "trigger_date": d.trigger_date}


@dataclass(frozen=True)
class RegisterInput:
    case_ref: str
    kind: str
    trigger_date: date
    handlaggare_ref: str | None = None


class FristService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    # --- helpers ----------------------------------------------------------------------------------

    def _get(self, session: Session, label: str | int) -> CaseDeadline:
        ident = label if isinstance(label, int) else parse_label(label)
        deadline = session.get(CaseDeadline, ident)
        if deadline is None:
            raise NotFound(t.ERR_NOT_FOUND.format(label=f"F-{ident}"))
        return deadline

    def _require(self, allowed: bool, message: str, actor: Person, deadline: CaseDeadline, action: str,
                 session: Session, channel: str | None = None) -> None:
        if not allowed:  # audited by @audit_refusals once this transaction has rolled back
            raise denied(message, actor_id=actor.id, action=action, entity_type=ENTITY,
                         entity_ref=deadline.label, channel=channel)

    def _holder(self, session: Session, ref: str | None, actor: Person, field: str) -> Person:
        if not ref:
            person: Person | None = actor
        else:
            person = find_person(session, ref)
            if person is None:
                raise UserError(ERR_UNKNOWN_PERSON, field=field)
        assert person is not None
        if not policy.can_hold_deadlines(person):
            raise UserError(t.ERR_NOT_HANDLAGGARE, field=field)
        return person

    def _plan_reminders(self, session: Session, deadline: CaseDeadline, *, new: bool = False) -> None:
        plan_deadline_reminders(session, self.settings, deadline, new=new)

    def reminder_deliveries(self, deadline: msg.DeadlineFacts, today: date) -> list[outbox.Delivery]:
        return reminder_deliveries(self.settings, deadline, today)

    # --- use cases --------------------------------------------------------------------------------

    def register(self, actor: Person, data: RegisterInput, *, channel: str, source: str = "chat") -> CaseDeadline:
        case_ref = check_case_ref(data.case_ref)
        if data.trigger_date > today_local():
            raise UserError(t.ERR_FUTURE, field="trigger_date")
        try:
            result = compute(data.kind, data.trigger_date)
        except UnknownKind as exc:
            raise UserError(exc.message, field="kind") from exc
        except InvalidStart as exc:
            raise UserError(exc.message, field="trigger_date") from exc
        with self.db.session() as session:
            holder = self._holder(session, data.handlaggare_ref, actor, "handlaggare")
            existing = session.exec(select(CaseDeadline).where(
                CaseDeadline.case_ref == case_ref, CaseDeadline.kind == result.kind,
                CaseDeadline.trigger_date == data.trigger_date)).first()
            if existing is not None:
                raise UserError(t.ERR_DUPLICATE.format(label=existing.label, case=case_ref, kind=result.name,
                                                       start=data.trigger_date.isoformat()), field="case_ref")
            deadline = self._insert(session, actor, holder, case_ref, result, source)
            record(session, actor_id=actor.id, action="registrerad", entity_type=ENTITY, entity_ref=deadline.label,
                   changes={"case_ref": case_ref, "kind": result.kind, "due_date": result.due.isoformat(),
                            "handlaggare_id": holder.id}, channel=channel)
            self._notify_new_holder(session, actor, deadline)
            return deadline

    def _insert(self, session: Session, actor: Person, holder: Person, case_ref: str, result: object,
                source: str, previous_id: int | None = None) -> CaseDeadline:
        from bot.deadlines.calculator import DeadlineResult

        assert isinstance(result, DeadlineResult) and holder.id is not None
        deadline = CaseDeadline(
            case_ref=case_ref, kind=result.kind, trigger_date=result.start, statutory_date=result.statutory_date,
            original_due=result.due, due_date=result.due, legal_basis=result.legal_basis,
            explanation=result.summary, handlaggare_id=holder.id, unit_id=holder.unit_id, source=source,
            created_by_id=actor.id, previous_id=previous_id,
        )
        session.add(deadline)
        session.flush()
        self._plan_reminders(session, deadline, new=True)
        return deadline

    def _notify_new_holder(self, session: Session, actor: Person, deadline: CaseDeadline) -> None:
        if deadline.handlaggare_id != actor.id:
            outbox.plan(session, key=f"frist:{deadline.id}:tilldelad:{deadline.handlaggare_id}:{utcnow().isoformat()}",
                        kind="frist_tilldelad", recipient_id=deadline.handlaggare_id, message=msg.assigned(deadline),
                        reference=f"{deadline.label} {deadline.case_ref}")

    def _changeable(self, session: Session, actor: Person, label: str | int, action: str,
                    channel: str | None = None) -> CaseDeadline:
        deadline = self._get(session, label)
        self._require(policy.can_change(session, actor, deadline),
                      t.ERR_ONLY_OWN_OR_TEAM.format(label=deadline.label), actor, deadline, action, session, channel)
        if deadline.status != FristStatus.AKTIV:
            raise UserError(t.ERR_CLOSED.format(label=deadline.label))
        return deadline

    @audit_refusals
    def decide_forhandsbedomning(self, actor: Person, label: str | int, decision: str, decided_on: date,
                                 *, channel: str) -> tuple[CaseDeadline, CaseDeadline | None]:
        with self.db.session() as session:
            deadline = self._changeable(session, actor, label, "nekat_beslut", channel)
            if deadline.kind != "forhandsbedomning":
                raise UserError(t.ERR_NOT_FHB.format(label=deadline.label))
            if decided_on < deadline.trigger_date:
                raise UserError(t.ERR_DECISION_BEFORE.format(start=deadline.trigger_date.isoformat()),
                                field="decided_on")
            if decided_on > today_local():
                raise UserError(t.ERR_FUTURE.replace("Startdatum", "Beslutsdatum"), field="decided_on")
            if decision == "inte_inleda" and not actor.has_role(Role.TEAMLEDARE):
                self._require(False, t.ERR_ONLY_TEAMLEDARE_NOT_OPEN, actor, deadline, "nekat_beslut", session)
            before = _snapshot(deadline)
            self._close(deadline, actor, outcome=decision)
            session.add(deadline)
            self._plan_reminders(session, deadline)
            record(session, actor_id=actor.id, action=f"beslut_{decision}", entity_type=ENTITY,
                   entity_ref=deadline.label, changes={**diff(before, _snapshot(deadline)),
                                                       "decided_on": decided_on.isoformat()}, channel=channel)
            follow: CaseDeadline | None = None
            if decision == "inleda":
                holder = session.get(Person, deadline.handlaggare_id)
                assert holder is not None
                follow = self._insert(session, actor, holder, deadline.case_ref,
                                      compute("utredning", decided_on), "chat", previous_id=deadline.id)
                record(session, actor_id=actor.id, action="registrerad", entity_type=ENTITY,
                       entity_ref=follow.label, changes={"kind": "utredning", "from": deadline.label,
                                                         "due_date": follow.due_date.isoformat()}, channel=channel)
            return deadline, follow

    def _close(self, deadline: CaseDeadline, actor: Person, outcome: str) -> None:
        deadline.status = FristStatus.KLAR.value
        deadline.outcome = outcome
        deadline.closed_at = utcnow()
        deadline.closed_by_id = actor.id
        deadline.updated_at = utcnow()

    @audit_refusals
    def extend(self, actor: Person, label: str | int, new_due: date, reason: str, decided_by_ref: str | None,
               *, channel: str) -> CaseDeadline:
        with self.db.session() as session:
            deadline = self._changeable(session, actor, label, "nekad_forlangning", channel)
            if new_due <= deadline.due_date:
                raise UserError(t.ERR_EXTEND_NOT_LATER.format(due=deadline.due_date.isoformat()), field="new_due")
            check_free_text({"reason": reason})
            decided_by = find_person(session, decided_by_ref) if decided_by_ref else actor
            if decided_by is None:
                raise UserError(ERR_UNKNOWN_PERSON, field="decided_by")
            before = _snapshot(deadline)
            deadline.due_date = new_due
            deadline.extension_reason = reason
            deadline.extension_decided_by_id = decided_by.id
            deadline.updated_at = utcnow()
            session.add(deadline)
            self._plan_reminders(session, deadline)
            record(session, actor_id=actor.id, action="forlangd", entity_type=ENTITY, entity_ref=deadline.label,
                   changes={**diff(before, _snapshot(deadline)), "reason": reason,
                            "decided_by_id": decided_by.id}, channel=channel)
            return deadline

    @audit_refusals
    def close(self, actor: Person, label: str | int, *, channel: str, outcome: str = "klar") -> CaseDeadline:
        with self.db.session() as session:
            deadline = self._changeable(session, actor, label, "nekad_avslut", channel)
            before = _snapshot(deadline)
            self._close(deadline, actor, outcome)
            session.add(deadline)
            self._plan_reminders(session, deadline)
            record(session, actor_id=actor.id, action="avslutad", entity_type=ENTITY, entity_ref=deadline.label,
                   changes=diff(before, _snapshot(deadline)), channel=channel)
            return deadline

    @audit_refusals
    def check_can_reassign(self, actor: Person, label: str | int, *, channel: str) -> None:
        """The rights check of `reassign`, made before the form asks for a new handläggare."""
        with self.db.read() as session:
            deadline = self._get(session, label)
            self._require(policy.can_reassign(session, actor, deadline), t.ERR_REASSIGN_RIGHTS, actor, deadline,
                          "nekad_omfordelning", session)

    @audit_refusals
    def reassign(self, actor: Person, label: str | int, to_ref: str, *, channel: str) -> tuple[CaseDeadline, Person]:
        with self.db.session() as session:
            deadline = self._get(session, label)
            self._require(policy.can_reassign(session, actor, deadline), t.ERR_REASSIGN_RIGHTS, actor, deadline,
                          "nekad_omfordelning", session, channel)
            if deadline.status != FristStatus.AKTIV:
                raise UserError(t.ERR_CLOSED.format(label=deadline.label))
            new = self._holder(session, to_ref, actor, "to")
            if new.id == deadline.handlaggare_id:
                raise UserError(t.ERR_SAME_HANDLAGGARE, field="to")
            assert new.id is not None
            before = _snapshot(deadline)
            deadline.handlaggare_id = new.id
            deadline.unit_id = new.unit_id
            deadline.updated_at = utcnow()
            session.add(deadline)
            self._plan_reminders(session, deadline)
            self._notify_new_holder(session, actor, deadline)
            record(session, actor_id=actor.id, action="omfordelad", entity_type=ENTITY, entity_ref=deadline.label,
                   changes=diff(before, _snapshot(deadline)), channel=channel)
            return deadline, new

    # --- reading ----------------------------------------------------------------------------------

    @audit_refusals
    def view(self, actor: Person, label: str | int, *, channel: str) -> msg.DeadlineView:
        with self.db.session() as session:
            deadline = self._get(session, label)
            self._require(policy.can_view(session, actor, deadline),
                          t.ERR_NO_ACCESS.format(label=deadline.label), actor, deadline, "nekad_visning", session,
                          channel)
            record(session, actor_id=actor.id, action="visad", entity_type=ENTITY, entity_ref=deadline.label,
                   channel=channel)
            holder = session.get(Person, deadline.handlaggare_id)
            assert holder is not None
            return msg.DeadlineView(
                deadline=deadline, holder=holder,
                can_change=deadline.status == FristStatus.AKTIV,
                can_reassign=deadline.status == FristStatus.AKTIV
                and policy.can_reassign(session, actor, deadline),
                can_decide_not_open=actor.has_role(Role.TEAMLEDARE),
            )

    def lists(self, actor: Person) -> msg.DeadlineLists:
        with self.db.read() as session:
            active = select(CaseDeadline).where(CaseDeadline.status == FristStatus.AKTIV.value)
            mine = list(session.exec(active.where(CaseDeadline.handlaggare_id == actor.id)
                                     .order_by(col(CaseDeadline.due_date))))
            team: list[CaseDeadline] = []
            if any(actor.has_role(r) for r in (*policy.LEADS, Role.VERKSAMHETSCHEF)):
                # The team's, the unit's or (verksamhetschef) the area's: the same rule as for a single view.
                team = [d for d in session.exec(active.where(CaseDeadline.handlaggare_id != actor.id)
                                                .order_by(col(CaseDeadline.due_date)))
                        if policy.leads_unit(session, actor, d.unit_id)]
            names = {p.id: p.name for p in session.exec(select(Person).where(
                col(Person.id).in_({d.handlaggare_id for d in team})))} if team else {}
            return msg.DeadlineLists(mine=mine, team=[(d, names.get(d.handlaggare_id, "?")) for d in team])
