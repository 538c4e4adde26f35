"""Remind document owners when a routine's Giltig till / Revideras senast date approaches or has passed.

The owner named in the document is matched to a person in the organisation by name or e-mail; when
no one matches (owners are often a function, "Kvalitetsenheten"), kvalitetsenheten is reminded.
One reminder per routine, date, stage and person: planning again the same day, or the next, adds none.
"""

from __future__ import annotations

from datetime import date

from bot.clock import today_local
from bot.deadlines.calendar import next_working_day
from bot.org.directory import active_people
from bot.reminders import outbox
from bot.rutiner.service import ReviewDue, RoutineCatalogue
from bot.ui.model import Message, iso_and_swedish
from bot.ui.phrases import days
from storage.db import Database
from storage.models import Person, Role


def recipients(people: list[Person], owner: str | None) -> list[Person]:
    text = (owner or "").lower()
    named = [p for p in people if text and (p.name.lower() in text or (p.email and p.email in text))]
    return named or [p for p in people if p.has_role(Role.KVALITETSENHET)]


def reminder(due: ReviewDue) -> Message:
    if due.days_left < 0:
        header = "Rutin att revidera: datumet har passerat"
        text = f"{due.title} skulle ha reviderats senast {iso_and_swedish(due.valid_until)}."
    else:
        header = "Rutin att revidera snart"
        text = f"{due.title} ska revideras senast {iso_and_swedish(due.valid_until)} ({days(due.days_left)} kvar)."
    return Message(text=text, header=header, sections=(text,),
                   facts=(("Dokument", due.document), ("Dokumentägare", due.owner or "okänd")))


def plan_review_reminders(db: Database, catalogue: RoutineCatalogue, *, within_days: int = 30,
                          today: date | None = None, hour: int = 8) -> int:
    today = today or today_local()
    due_list = catalogue.documents_due_for_review(within_days, today=today)
    with db.read() as session:
        people = active_people(session)
    deliveries = []
    send_at = outbox.morning_of(next_working_day(today), hour)
    for due in due_list:
        stage = "passerad" if due.days_left < 0 else "snart"
        for person in recipients(people, due.owner):
            assert person.id is not None
            deliveries.append(outbox.Delivery(
                key=f"rutin:revision:{due.document}:{due.valid_until.isoformat()}:{stage}:{person.id}",
                kind="rutin_revision", recipient_id=person.id, message=reminder(due), due_at=send_at))
    with db.session() as session:
        return outbox.plan_all(session, deliveries)
