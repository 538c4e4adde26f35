"""The teamledare's daily ärendegenomgång digest: the team's deadlines that are overdue or near.

Planned every working morning through the outbox, one per teamledare and day (the key says so), so
several instances or a re-run plan it once. It names case references, types and dates, never a person
in the case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from sqlalchemy import select as sa_select
from sqlmodel import col

from bot.clock import today_local
from bot.deadlines.calendar import is_excluded_day
from bot.frist.messages import A_OPEN, kind_name
from bot.org.directory import people_with_role
from bot.reminders import outbox
from bot.reminders import texts as t
from bot.ui.model import Button, Message
from bot.ui.phrases import days_phrase
from storage.db import Database
from storage.models import Person, Role
from storage.models.frist import CaseDeadline, FristStatus

HORIZON_DAYS = 7


MOST_URGENT = 3  # rows shown per handläggare
MAX_PEOPLE = 10  # handläggare shown; the rest are counted
MAX_BUTTONS = 5


class DigestRow(Protocol):
    """What a digest line names: a stored deadline, or the few columns the planner reads."""

    @property
    def id(self) -> int | None: ...
    @property
    def case_ref(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def due_date(self) -> date: ...
    @property
    def label(self) -> str: ...


@dataclass(frozen=True, slots=True)
class _Line:
    id: int
    case_ref: str
    kind: str
    due_date: date

    @property
    def label(self) -> str:
        return f"F-{self.id}"


def digest_message(today: date, rows: Sequence[tuple[DigestRow, str]]) -> Message:
    """Capped to what a chat shows: the counts, then each handläggare's most urgent rows, then a pointer
    to the full list (App Home, /frist lista). A team of 5,000 deadlines gives the same few blocks."""
    overdue = [(d, who) for d, who in rows if d.due_date < today]
    near = [(d, who) for d, who in rows if d.due_date >= today]

    def line(d: DigestRow) -> str:
        return (f"• {d.label} · {d.case_ref} · {kind_name(d.kind)} · {d.due_date.isoformat()} "
                f"({days_phrase(d.due_date, today)})")

    by_person: dict[str, list[DigestRow]] = defaultdict(list)
    for d, who in rows:  # rows come ordered by due date: most urgent first
        by_person[who].append(d)
    people = sorted(by_person.items(), key=lambda item: (item[1][0].due_date, item[0]))
    sections = [t.DIGEST_COUNTS.format(overdue=len(overdue), near=len(near), days=HORIZON_DAYS)]
    for who, deadlines in people[:MAX_PEOPLE]:
        late = sum(1 for d in deadlines if d.due_date < today)
        head = t.DIGEST_PERSON.format(who=who, overdue=late, near=len(deadlines) - late)
        more = len(deadlines) - MOST_URGENT
        tail = [t.DIGEST_MORE_ROWS.format(n=more)] if more > 0 else []
        sections.append("\n".join([head, *(line(d) for d in deadlines[:MOST_URGENT]), *tail]))
    if len(people) > MAX_PEOPLE:
        sections.append(t.DIGEST_MORE_PEOPLE.format(n=len(people) - MAX_PEOPLE))
    text = t.DIGEST_TEXT.format(day=today.isoformat(), overdue=len(overdue), near=len(near), days=HORIZON_DAYS)
    return Message(text=text, header=t.DIGEST_HEADER, sections=tuple(sections), context=(t.DIGEST_POINTER,),
                   buttons=tuple(Button(f"Visa {d.label}", A_OPEN, str(d.id)) for d, _ in overdue[:MAX_BUTTONS]))


def digest_for(db: Database, lead: Person, today: date) -> Message | None:
    """The digest a teamledare gets on a day, or None when the team has nothing to look at."""
    horizon = today + timedelta(days=HORIZON_DAYS)
    with db.read() as session:  # plain columns, no ORM objects: a team may have thousands of rows
        rows = session.execute(
            sa_select(col(CaseDeadline.id), col(CaseDeadline.case_ref), col(CaseDeadline.kind),
                   col(CaseDeadline.due_date), col(Person.name))
            .where(col(CaseDeadline.unit_id) == lead.unit_id, col(CaseDeadline.status) == FristStatus.AKTIV.value,
                   col(CaseDeadline.due_date) <= horizon, col(CaseDeadline.handlaggare_id) == col(Person.id))
            .order_by(col(CaseDeadline.due_date), col(CaseDeadline.id))).all()
    lines = [(_Line(r[0], r[1], r[2], r[3]), str(r[4])) for r in rows]
    return digest_message(today, lines) if lines else None


def plan_digests(db: Database, *, today: date | None = None, hour: int = 7) -> int:
    """Plan today's digest for every teamledare whose team has something to look at. Returns new ones."""
    today = today or today_local()
    if is_excluded_day(today) is not None:
        return 0  # digests go out on working days
    deliveries: list[outbox.Delivery] = []
    with db.read() as session:
        leads = people_with_role(session, Role.TEAMLEDARE)
    for lead in leads:
        if lead.unit_id is None or lead.id is None:
            continue
        message = digest_for(db, lead, today)
        if message is None:
            continue
        deliveries.append(outbox.Delivery(
            key=f"frist:digest:{today.isoformat()}:{lead.id}", kind="frist_digest", recipient_id=lead.id,
            message=message, due_at=outbox.morning_of(today, hour),
            reference=t.DIGEST_REFERENCE.format(day=today.isoformat())))
    with db.session() as session:
        return outbox.plan_all(session, deliveries)
