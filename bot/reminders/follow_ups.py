"""Follow-ups of closed avvikelser: reminded on their date, then marked done, snoozed or passed on;
escalated to the verksamhetschef when nobody has acted five working days after the date.

The next reminder's date is stored (`remind_on`), and its outbox key names follow-up, date and owner,
so snoozing or passing on cancels the old reminder and plans exactly one new one.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from bot.audit.log import record
from bot.audit.refusals import audit_refusals, denied
from bot.avvikelse import messages as msg
from bot.avvikelse import policy
from bot.avvikelse import texts as t
from bot.clock import today_local, utcnow
from bot.config import Settings
from bot.deadlines.calendar import add_working_days, next_working_day
from bot.errors import NotFound, UserError
from bot.org.directory import find_person
from bot.org.hierarchy import verksamhetschef_above
from bot.reminders import outbox
from bot.ui.texts import ERR_UNKNOWN_PERSON
from storage.db import Database
from storage.models import Avvikelse, FollowUp, FollowUpStatus, Measure, Person, Unit

ENTITY = "avvikelse"
SNOOZE_DAYS = 7
ESCALATE_AFTER_WORKING_DAYS = 5


def plan_reminder(session: Session, settings: Settings, report: Avvikelse, follow_up: FollowUp) -> None:
    """(Re)plan the one reminder of a follow-up, on `remind_on` (or its date) at the start of the working day."""
    outbox.cancel(session, f"avvikelse:{report.number}:uppfoljning:{follow_up.id}:")
    if follow_up.status != FollowUpStatus.PLANERAD:
        return
    day = max(follow_up.remind_on or follow_up.due_date, today_local())
    measure = session.get(Measure, follow_up.measure_id) if follow_up.measure_id else None
    outbox.plan(
        session,
        key=f"avvikelse:{report.number}:uppfoljning:{follow_up.id}:{day.isoformat()}:{follow_up.owner_id}",
        kind="avvikelse_uppfoljning",
        recipient_id=follow_up.owner_id,
        message=msg.follow_up_reminder(report, follow_up, measure),
        subject=f"avvikelse:{report.number}:uppfoljning:{follow_up.id}",
        reference=report.number,
        due_at=outbox.within_working_hours(outbox.morning_of(day, settings.working_hours_start),
                                           settings.working_hours_start, settings.working_hours_end),
    )


class FollowUpService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def _load(self, session: Session, follow_up_id: int) -> tuple[FollowUp, Avvikelse]:
        follow_up = session.get(FollowUp, follow_up_id)
        if follow_up is None:
            raise NotFound("Uppföljningen finns inte.")
        report = session.get(Avvikelse, follow_up.avvikelse_id)
        assert report is not None
        return follow_up, report

    def _owned_and_open(self, session: Session, actor: Person, follow_up_id: int, action: str,
                        channel: str, *, or_verksamhetschef: bool = False) -> tuple[FollowUp, Avvikelse]:
        follow_up, report = self._load(session, follow_up_id)
        allowed = follow_up.owner_id == actor.id or (
            or_verksamhetschef and actor.id in policy.verksamhetschef_ids(session, report))
        if not allowed:
            raise denied(t.ERR_FOLLOW_UP_NOT_YOURS, actor_id=actor.id, action=action, entity_type=ENTITY,
                         entity_ref=report.number, channel=channel)
        if follow_up.status != FollowUpStatus.PLANERAD:
            raise UserError(t.ERR_FOLLOW_UP_DONE)
        return follow_up, report

    @audit_refusals
    def complete(self, actor: Person, follow_up_id: int, *, channel: str) -> Avvikelse:
        with self.db.session() as session:
            follow_up, report = self._owned_and_open(session, actor, follow_up_id, "nekad_uppfoljning", channel,
                                                     or_verksamhetschef=True)
            follow_up.status = FollowUpStatus.KLAR.value
            follow_up.done_at = utcnow()
            follow_up.done_by_id = actor.id
            session.add(follow_up)
            plan_reminder(session, self.settings, report, follow_up)  # cancels what was planned
            record(session, actor_id=actor.id, action="uppfoljning_klar", entity_type=ENTITY,
                   entity_ref=report.number,
                   changes={"follow_up_id": follow_up.id, "status": {"old": "planerad", "new": "klar"}},
                   channel=channel)
            return report

    @audit_refusals
    def snooze(self, actor: Person, follow_up_id: int, *, channel: str, days: int = SNOOZE_DAYS) -> date:
        with self.db.session() as session:
            follow_up, report = self._owned_and_open(session, actor, follow_up_id, "nekad_uppfoljning", channel)
            before = follow_up.remind_on or follow_up.due_date
            follow_up.remind_on = next_working_day(today_local() + timedelta(days=days))
            session.add(follow_up)
            plan_reminder(session, self.settings, report, follow_up)
            record(session, actor_id=actor.id, action="uppfoljning_uppskjuten", entity_type=ENTITY,
                   entity_ref=report.number,
                   changes={"follow_up_id": follow_up.id,
                            "remind_on": {"old": before.isoformat(), "new": follow_up.remind_on.isoformat()}},
                   channel=channel)
            return follow_up.remind_on

    @audit_refusals
    def check_can_pass_on(self, actor: Person, follow_up_id: int, *, channel: str) -> None:
        """The check `pass_on` makes, before the form asks whom to pass the follow-up to."""
        with self.db.read() as session:
            self._owned_and_open(session, actor, follow_up_id, "nekad_uppfoljning", channel,
                                 or_verksamhetschef=True)

    @audit_refusals
    def pass_on(self, actor: Person, follow_up_id: int, to_ref: str, *, channel: str) -> Person:
        with self.db.session() as session:
            follow_up, report = self._owned_and_open(session, actor, follow_up_id, "nekad_uppfoljning", channel,
                                                     or_verksamhetschef=True)
            new = find_person(session, to_ref)
            if new is None or new.id is None:
                raise UserError(ERR_UNKNOWN_PERSON, field="to")
            if not policy.can_investigate(new):
                raise UserError(t.ERR_NOT_A_CHEF, field="to")
            if new.id == follow_up.owner_id:
                raise UserError(t.ERR_FOLLOW_UP_SAME_OWNER, field="to")
            old_owner = follow_up.owner_id
            follow_up.owner_id = new.id
            session.add(follow_up)
            plan_reminder(session, self.settings, report, follow_up)
            record(session, actor_id=actor.id, action="uppfoljning_overlamnad", entity_type=ENTITY,
                   entity_ref=report.number,
                   changes={"follow_up_id": follow_up.id, "owner_id": {"old": old_owner, "new": new.id}},
                   channel=channel)
            return new

    def escalate_overdue(self, today: date | None = None) -> int:
        """Tell the verksamhetschef, once, about follow-ups nobody acted on five working days after their date."""
        today = today or today_local()
        limit = add_working_days(today, -ESCALATE_AFTER_WORKING_DAYS)
        told = 0
        with self.db.session() as session:
            rows = session.exec(
                select(FollowUp, Avvikelse)
                .where(FollowUp.status == FollowUpStatus.PLANERAD.value, col(FollowUp.escalated_at).is_(None),
                       FollowUp.avvikelse_id == Avvikelse.id)
                # Several instances may run the morning planning; each follow-up is taken by one.
                .with_for_update(of=FollowUp, skip_locked=True)
            )
            for follow_up, report in list(rows):
                if (follow_up.remind_on or follow_up.due_date) > limit:
                    continue
                unit = session.get(Unit, report.unit_id)
                chef = verksamhetschef_above(session, unit.id) if unit else None
                owner = session.get(Person, follow_up.owner_id)
                if unit is None or chef is None or chef.id is None or owner is None or chef.id == owner.id:
                    continue
                outbox.plan(session, key=f"avvikelse:{report.number}:eskalering:{follow_up.id}",
                            kind="avvikelse_eskalering", recipient_id=chef.id,
                            message=msg.follow_up_escalation(report, unit, follow_up, owner))
                follow_up.escalated_at = utcnow()
                session.add(follow_up)
                record(session, actor_id=None, action="uppfoljning_eskalerad", entity_type=ENTITY,
                       entity_ref=report.number, changes={"follow_up_id": follow_up.id, "to": chef.id},
                       channel="system")
                told += 1
        return told
