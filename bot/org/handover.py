"""Open work of people an organisation import deactivates, and moving it to someone who can act.

Removing a chef or a handläggare from the organisation file must not leave investigations,
follow-ups or deadlines with an inactive account. The import lists that work and changes nothing
unless told to go ahead; then each item moves to its unit's chef (or the verksamhetschef when the
unit has none), every move is audited, and each new holder is told by a message that carries only
numbers (no case content). Lex Sarah reports are not given to a chef: they are released, so that a
lex Sarah-ansvarig takes them, and the lex Sarah-ansvariga are told.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from bot.audit.log import record
from bot.clock import utcnow
from bot.config import Settings
from bot.org.directory import investigating_chef, people_with_role
from bot.reminders import outbox
from bot.ui.model import Message
from storage.models import Avvikelse, AvvikelseStatus, FollowUp, FollowUpStatus, Person, Role, Unit
from storage.models.frist import CaseDeadline, FristStatus
from storage.models.lex_sarah import LexSarahReport, LexSarahStatus

LEX_SARAH_TARGET = "lex Sarah-ansvariga"
REASON = "avaktiverad vid import av organisationen"
MOVED_HEADER = "Arbete som flyttats till dig"
MOVED_TEXT = "{leaver} finns inte längre i Lotsens organisation. Det här har flyttats till dig: {items}."
RELEASED_TEXT = ("{leaver} finns inte längre i Lotsens organisation. Lex Sarah-rapporterna {items} saknar nu "
                 "utredare (se /lexsarah lista).")


@dataclass
class WorkItem:
    kind: str  # avvikelse, uppfoljning, frist, lex_sarah
    ref: str  # AVV-2026-0001, F-12, LXS-2026-0001
    what: str  # Swedish, e.g. "utredning av AVV-2026-0001"
    unit_id: int | None
    row: Avvikelse | FollowUp | CaseDeadline | LexSarahReport
    target: Person | None = None  # who takes it over (None for lex Sarah: released)
    target_name: str = ""  # kept as text: the report is printed after a rollback


@dataclass
class LeaverWork:
    person: Person
    items: list[WorkItem] = field(default_factory=list)
    label: str = ""  # "Maria Enhet (ec.maria)", kept as text for the same reason

    def describe(self) -> list[str]:
        lines = [f"{self.label} har öppet arbete:"]
        lines += [f"  {item.what} → {item.target_name}" for item in self.items]
        return lines


def open_work(session: Session, person: Person) -> list[WorkItem]:
    """Everything still open that `person` holds."""
    pid = person.id
    items: list[WorkItem] = []
    for report in session.exec(select(Avvikelse).where(Avvikelse.investigator_id == pid,
                                                       Avvikelse.status != AvvikelseStatus.AVSLUTAD.value)
                               .order_by(col(Avvikelse.id))):
        items.append(WorkItem("avvikelse", report.number, f"utredning av {report.number}", report.unit_id, report))
    for follow_up, report in session.exec(
        select(FollowUp, Avvikelse).where(FollowUp.owner_id == pid, FollowUp.status == FollowUpStatus.PLANERAD.value,
                                          FollowUp.avvikelse_id == Avvikelse.id).order_by(col(FollowUp.id))
    ):
        items.append(WorkItem("uppfoljning", report.number,
                              f"uppföljning av {report.number} ({follow_up.due_date.isoformat()})",
                              report.unit_id, follow_up))
    for deadline in session.exec(select(CaseDeadline).where(CaseDeadline.handlaggare_id == pid,
                                                            CaseDeadline.status == FristStatus.AKTIV.value)
                                 .order_by(col(CaseDeadline.id))):
        items.append(WorkItem("frist", deadline.label, f"frist {deadline.label} ({deadline.case_ref})",
                              deadline.unit_id or person.unit_id, deadline))
    for lex in session.exec(select(LexSarahReport).where(LexSarahReport.investigator_id == pid,
                                                         LexSarahReport.status != LexSarahStatus.AVSLUTAD.value)
                            .order_by(col(LexSarahReport.id))):
        items.append(WorkItem("lex_sarah", lex.number, f"lex Sarah-utredning {lex.number}", lex.unit_id, lex))
    return items


def plan_handover(session: Session, leavers: list[Person]) -> tuple[list[LeaverWork], list[str]]:
    """Open work of each leaver with who takes it; and errors (work nobody can take). Call after the
    import's changes are flushed, so the units' new chefs count."""
    found: list[LeaverWork] = []
    errors: list[str] = []
    leaving = {p.id for p in leavers}
    for person in leavers:
        work = LeaverWork(person, open_work(session, person), label=f"{person.name} ({person.key})")
        for item in work.items:
            if item.kind == "lex_sarah":
                item.target_name = LEX_SARAH_TARGET
                continue
            unit = session.get(Unit, item.unit_id) if item.unit_id else None
            target = investigating_chef(session, unit) if unit else None
            if target is None or target.id in leaving or not target.active:
                errors.append(f"{item.what} ({person.key}): enheten {unit.code if unit else '?'} har ingen aktiv "
                              "chef eller verksamhetschef att flytta till; ange en chef i filen")
            item.target = target
            item.target_name = target.name if target else "–"
        if work.items:
            found.append(work)
    return found, errors


def move_work(session: Session, settings: Settings, work: list[LeaverWork], *, actor_id: int | None = None) -> int:
    """Move every item to its target, audit each move, and tell each new holder (numbers only)."""
    from bot.frist.service import plan_deadline_reminders
    from bot.reminders.follow_ups import plan_reminder

    moved = 0
    stamp = utcnow().isoformat()
    for leaver in work:
        told: dict[int, list[str]] = {}
        released: list[str] = []
        for item in leaver.items:
            row = item.row
            new_id = item.target.id if item.target else None
            changes: dict[str, object]
            if isinstance(row, Avvikelse):
                old: int | None = row.investigator_id
                row.investigator_id = new_id or row.investigator_id
                row.updated_at = utcnow()
                entity, changes = "avvikelse", {"investigator_id": {"old": old, "new": row.investigator_id}}
            elif isinstance(row, FollowUp):
                old = row.owner_id
                row.owner_id = new_id or row.owner_id
                report = session.get(Avvikelse, row.avvikelse_id)
                assert report is not None
                session.add(row)
                plan_reminder(session, settings, report, row)
                entity, changes = "avvikelse", {"follow_up_id": row.id, "owner_id": {"old": old, "new": row.owner_id}}
            elif isinstance(row, CaseDeadline):
                old = row.handlaggare_id
                row.handlaggare_id = new_id or row.handlaggare_id
                row.updated_at = utcnow()
                session.add(row)
                plan_deadline_reminders(session, settings, row)
                entity, changes = "frist", {"handlaggare_id": {"old": old, "new": row.handlaggare_id}}
            else:
                old = row.investigator_id
                row.investigator_id = None
                entity, changes = "lex_sarah", {"investigator_id": {"old": old, "new": None}}
                released.append(item.ref)
            session.add(row)
            record(session, actor_id=actor_id, action="overford_vid_avaktivering", entity_type=entity,
                   entity_ref=item.ref, changes={**changes, "reason": REASON}, channel="cli")
            if new_id is not None:
                told.setdefault(new_id, []).append(item.what)
            moved += 1
        for target_id, whats in told.items():
            text = MOVED_TEXT.format(leaver=leaver.person.name, items=", ".join(whats))
            outbox.plan(session, key=f"org:flyttat:{leaver.person.id}:{target_id}:{stamp}", kind="org_flyttat",
                        recipient_id=target_id, message=Message(text=text, header=MOVED_HEADER, sections=(text,)))
        if released:
            text = RELEASED_TEXT.format(leaver=leaver.person.name, items=", ".join(released))
            for p in people_with_role(session, Role.LEX_SARAH_ANSVARIG):
                if p.id is not None and p.id != leaver.person.id:
                    outbox.plan(session, key=f"org:lexsarah:{leaver.person.id}:{p.id}:{stamp}", kind="org_flyttat",
                                recipient_id=p.id, message=Message(text=text, header=MOVED_HEADER, sections=(text,)))
    session.flush()
    return moved
