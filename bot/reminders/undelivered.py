"""A reminder or digest that cannot be delivered tells someone who can act.

Deadline reminders, digests and follow-up reminders that fail for good (or are set aside) plan a notice
to the recipient's teamledare, else the unit's enhetschef, else the verksamhetschef above, naming
the case reference, the kind and the date: never the message's content. The notice is an outbox row
like any other (its key names the failed row, so it is planned once); a notice that fails itself
tells nobody further, it shows in `lotsen utkorg status`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from bot.clock import STOCKHOLM
from bot.org.directory import find_person, unit_chef, verksamhetschef_for
from bot.reminders import outbox
from bot.reminders import texts as t
from bot.ui.model import Message, iso_and_swedish
from storage.models import Person, Role, Unit

log = logging.getLogger(__name__)

NOTICE_KIND = "utkorg_olevererad"


def worth_telling(kind: str) -> bool:
    return kind in t.KIND_NAMES or kind.startswith("frist_")


def who_can_act(session: Session, recipient: Person) -> Person | None:
    """The recipient's teamledare, else the unit's enhetschef, else the verksamhetschef above."""
    if recipient.unit_id is None:
        return None
    leads = [p for p in session.exec(select(Person).where(Person.unit_id == recipient.unit_id,
                                                          col(Person.active).is_(True), Person.id != recipient.id))
             if p.has_role(Role.TEAMLEDARE)]
    if leads:
        return leads[0]
    unit = session.get(Unit, recipient.unit_id)
    if unit is None:
        return None
    for candidate in (unit_chef(session, unit), verksamhetschef_for(session, unit)):
        if candidate is not None and candidate.id != recipient.id:
            return candidate
    return None


def notice(kind: str, recipient: Person, reference: str, due: datetime) -> Message:
    what = t.KIND_NAMES.get(kind, kind)
    day = iso_and_swedish(due.astimezone(STOCKHOLM).date())
    text = t.UNDELIVERED_TEXT.format(kind=what, recipient=recipient.name, reference=reference, due=day)
    facts = tuple(zip(t.UNDELIVERED_FACTS, (recipient.name, reference, what, day), strict=True))
    return Message(text=text, header=t.UNDELIVERED_HEADER, sections=(text,), facts=facts)


def tell_someone(session: Session, row: dict[str, Any], error: str, *, admin: str | None = None) -> bool:
    """Plan the notice for a row that will not be delivered. Returns True when someone will be told.

    `admin` (LOTSEN_OUTBOX_ADMIN: a person's id or e-mail) is told when the recipient has no leader."""
    kind = str(row["kind"])
    if not worth_telling(kind):
        return False
    recipient = session.get(Person, row["recipient_id"])
    lead = who_can_act(session, recipient) if recipient is not None else None
    if lead is None and admin:
        lead = find_person(session, admin)
    if recipient is None or lead is None or lead.id is None or lead.id == recipient.id:
        log.error("outbox row %s (%s) undeliverable and nobody to tell: %s", row["id"], kind, error)
        return False
    due = row.get("planned_for") or row["due_at"]
    outbox.plan(session, key=f"utkorg:olevererad:{row['id']}:{lead.id}", kind=NOTICE_KIND, recipient_id=lead.id,
                message=notice(kind, recipient, str(row.get("reference") or row["key"].split(":", 2)[0]), due),
                reference=row.get("reference"))
    log.warning("outbox row %s (%s) undeliverable; person %s told", row["id"], kind, lead.id)
    return True
