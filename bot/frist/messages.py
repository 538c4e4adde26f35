"""Neutral messages of the frist feature. Case deadlines carry the case reference (diarienummer or
ärendenummer), the type and dates; never a name or anything about the child."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.deadlines.calculator import DeadlineResult
from bot.deadlines.rules import default_rules
from bot.frist import texts as t
from bot.ui.model import Button, ButtonStyle, Message, iso_and_swedish
from bot.ui.phrases import days_phrase
from storage.models import Person
from storage.models.frist import CaseDeadline, FristStatus

A_NEW = "frist:new"
A_OPEN = "frist:open"
A_DECIDE = "frist:decide"
A_EXTEND = "frist:extend"
A_CLOSE = "frist:close"
A_REASSIGN = "frist:reassign"
A_LIST = "frist:list"


def kind_name(kind: str) -> str:
    try:
        return default_rules().resolve(kind).name
    except LookupError:
        return kind


class DeadlineFacts(Protocol):
    """What a reminder names: a stored deadline, or one an import is about to insert."""

    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def case_ref(self) -> str: ...
    @property
    def due_date(self) -> date: ...
    @property
    def statutory_date(self) -> date: ...
    @property
    def extension_reason(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def handlaggare_id(self) -> int: ...
    @property
    def label(self) -> str: ...


def reminder(deadline: DeadlineFacts, stage: str, day: date) -> Message:
    header = {"fore": t.REMINDER_HEADER, "dag": t.REMINDER_TODAY_HEADER, "forsenad": t.REMINDER_OVERDUE_HEADER}[stage]
    text = t.REMINDER_TEXT.format(kind=kind_name(deadline.kind), case=deadline.case_ref,
                                  due=iso_and_swedish(deadline.due_date), left=days_phrase(deadline.due_date, day))
    facts = [("Frist", deadline.label), ("Ärende", deadline.case_ref),
             ("Sista dag", iso_and_swedish(deadline.due_date))]
    if deadline.statutory_date != deadline.due_date and not deadline.extension_reason:
        facts.append(("Lagens dag", f"{iso_and_swedish(deadline.statutory_date)}; sista dag enligt lag (1930:173) "
                                    f"{deadline.due_date.isoformat()}"))
    return Message(text=text, header=header, sections=(text,), facts=tuple(facts),
                   buttons=(Button(t.BTN_OPEN, A_OPEN, str(deadline.id)),))


def assigned(deadline: CaseDeadline) -> Message:
    text = t.ASSIGNED_TEXT.format(label=deadline.label, kind=kind_name(deadline.kind), case=deadline.case_ref,
                                  due=iso_and_swedish(deadline.due_date))
    return Message(text=text, sections=(text,), buttons=(Button(t.BTN_OPEN, A_OPEN, str(deadline.id)),))


@dataclass(frozen=True)
class DeadlineView:
    deadline: CaseDeadline
    holder: Person
    can_change: bool
    can_reassign: bool
    can_decide_not_open: bool


def detail(view: DeadlineView, today: date) -> Message:
    d = view.deadline
    status = {"aktiv": f"Aktiv, {days_phrase(d.due_date, today)}", "klar": "Klar", "avbruten": "Avbruten"}
    facts: list[tuple[str, str]] = [
        ("Ärende", d.case_ref), ("Typ", kind_name(d.kind)), ("Handläggare", view.holder.name),
        ("Startdatum", iso_and_swedish(d.trigger_date)), ("Sista dag", iso_and_swedish(d.due_date)),
        ("Status", status.get(d.status, d.status)), ("Lagrum", d.legal_basis),
    ]
    if d.outcome and d.outcome != "klar":
        facts.append(("Beslut", t.DECISIONS.get(d.outcome, d.outcome)))
    sections = [f"*Uträkning*\n{d.explanation}"]
    if d.extension_reason:
        sections.append(f"*Förlängd* från {d.original_due.isoformat()} till {d.due_date.isoformat()}. "
                        f"Skäl: {d.extension_reason}")
    buttons: list[Button] = []
    if view.can_change and d.status == FristStatus.AKTIV:
        if d.kind == "forhandsbedomning":
            buttons.append(Button(t.BTN_DECIDE, A_DECIDE, str(d.id), ButtonStyle.PRIMARY))
        buttons += [Button(t.BTN_EXTEND, A_EXTEND, str(d.id)), Button(t.BTN_CLOSE, A_CLOSE, str(d.id))]
    if view.can_reassign:
        buttons.append(Button(t.BTN_REASSIGN, A_REASSIGN, str(d.id)))
    return Message(text=f"{d.label}: {kind_name(d.kind)} i {d.case_ref}, sista dag {d.due_date.isoformat()}",
                   header=f"{d.label} · {d.case_ref}", sections=tuple(sections), facts=tuple(facts),
                   buttons=tuple(buttons), private=True, reveal=Button(t.BTN_OPEN, A_OPEN, str(d.id)))


@dataclass(frozen=True)
class DeadlineLists:
    mine: list[CaseDeadline]
    team: list[tuple[CaseDeadline, str]]


def _line(d: CaseDeadline, today: date, who: str | None = None) -> str:
    owner = f" · {who}" if who else ""
    return (f"• {d.label} · {d.case_ref} · {kind_name(d.kind)} · sista dag {d.due_date.isoformat()} "
            f"({days_phrase(d.due_date, today)}){owner}")


def lists(data: DeadlineLists, today: date) -> Message:
    sections = [f"*{t.LIST_MINE}* ({len(data.mine)})\n" + ("\n".join(_line(d, today) for d in data.mine[:40])
                                                           or t.LIST_EMPTY)]
    if data.team:
        sections.append(f"*{t.LIST_TEAM}* ({len(data.team)})\n"
                        + "\n".join(_line(d, today, who) for d, who in data.team[:40]))
    urgent = [d for d in data.mine if d.due_date <= today][:5]
    return Message(
        text=f"{t.LIST_HEADER}: {len(data.mine)} egna" + (f", {len(data.team)} i teamet" if data.team else ""),
        header=t.LIST_HEADER, sections=tuple(sections),
        buttons=tuple(Button(f"{t.BTN_OPEN} {d.label}", A_OPEN, str(d.id)) for d in (urgent or data.mine[:5])),
        private=True, reveal=Button(t.BTN_OPEN, A_LIST, "-"),
    )


def computed(result: DeadlineResult) -> Message:
    facts = [("Startdatum", iso_and_swedish(result.start)), ("Sista dag", iso_and_swedish(result.due)),
             ("Lagrum", result.legal_basis)]
    context = () if result.statutory else ("Lokalt mål, inte lag: flyttas inte till nästa vardag.",)
    return Message(text=f"{result.name}: sista dag {result.due.isoformat()}", header=result.name,
                   sections=(result.summary,), facts=tuple(facts), context=context)


def kinds() -> Message:
    lines = [f"• {r.key}: {r.name}, {r.length_text()}{'' if r.statutory else ' (lokalt mål)'}"
             for r in default_rules().rules]
    return Message(text="Typer av frister", header="Typer av frister", sections=("\n".join(lines),))
