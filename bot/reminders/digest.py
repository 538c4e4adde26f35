"""The teamledare's daily ärendegenomgång digest: the team's deadlines that are overdue or near.

Planned every working morning through the outbox, one per teamledare and day (the key says so), so
several instances or a re-run plan it once. It names case references, types and dates, never a person
in the case.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import col, select

from bot.clock import today_local
from bot.deadlines.calendar import is_excluded_day
from bot.frist.messages import A_OPEN, kind_name
from bot.org.directory import people_with_role
from bot.reminders import outbox
from bot.ui.model import Button, Message
from bot.ui.phrases import days_phrase
from storage.db import Database
from storage.models import Person, Role
from storage.models.frist import CaseDeadline, FristStatus

HORIZON_DAYS = 7


def digest_message(today: date, rows: list[tuple[CaseDeadline, str]]) -> Message:
    overdue = [(d, who) for d, who in rows if d.due_date < today]
    near = [(d, who) for d, who in rows if d.due_date >= today]

    def line(d: CaseDeadline, who: str) -> str:
        return (f"• {d.label} · {d.case_ref} · {kind_name(d.kind)} · {d.due_date.isoformat()} "
                f"({days_phrase(d.due_date, today)}) · {who}")

    sections = []
    if overdue:
        sections.append(f"*Passerade* ({len(overdue)})\n" + "\n".join(line(d, w) for d, w in overdue))
    if near:
        sections.append(f"*Inom {HORIZON_DAYS} dagar* ({len(near)})\n" + "\n".join(line(d, w) for d, w in near))
    text = f"Ärendegenomgång {today.isoformat()}: {len(overdue)} passerade, {len(near)} inom {HORIZON_DAYS} dagar"
    return Message(text=text, header="Teamets frister idag", sections=tuple(sections),
                   buttons=tuple(Button(f"Visa {d.label}", A_OPEN, str(d.id)) for d, _ in overdue[:5]))


def plan_digests(db: Database, *, today: date | None = None, hour: int = 7) -> int:
    """Plan today's digest for every teamledare whose team has something to look at. Returns new ones."""
    today = today or today_local()
    if is_excluded_day(today) is not None:
        return 0  # digests go out on working days
    horizon = today + timedelta(days=HORIZON_DAYS)
    deliveries: list[outbox.Delivery] = []
    with db.read() as session:
        leads = people_with_role(session, Role.TEAMLEDARE)
        for lead in leads:
            if lead.unit_id is None or lead.id is None:
                continue
            rows = list(session.exec(
                select(CaseDeadline, Person)
                .where(CaseDeadline.unit_id == lead.unit_id, CaseDeadline.status == FristStatus.AKTIV.value,
                       CaseDeadline.due_date <= horizon, CaseDeadline.handlaggare_id == Person.id)
                .order_by(col(CaseDeadline.due_date))))
            if not rows:
                continue
            deliveries.append(outbox.Delivery(
                key=f"frist:digest:{today.isoformat()}:{lead.id}", kind="frist_digest", recipient_id=lead.id,
                message=digest_message(today, [(d, p.name) for d, p in rows]),
                due_at=outbox.morning_of(today, hour)))
    with db.session() as session:
        return outbox.plan_all(session, deliveries)
