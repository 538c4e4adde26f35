"""Neutral messages of the lex Sarah feature. Notifications carry number, unit and dates only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.lex_sarah import texts as t
from bot.ui.model import Button, ButtonStyle, Message, iso_and_swedish
from bot.ui.phrases import days_phrase
from storage.models import Person, Unit
from storage.models.lex_sarah import LexSarahReport, LexSarahStatus

A_NEW = "lexsarah:new"
A_OPEN = "lexsarah:open"
A_TAKE = "lexsarah:take"
A_INVESTIGATE = "lexsarah:investigate"
A_IVO = "lexsarah:ivo"
A_CLOSE = "lexsarah:close"
A_LIST = "lexsarah:list"


def receipt(report: LexSarahReport) -> Message:
    text = t.RECEIPT_TEXT.format(number=report.number)
    return Message(text=text, header=t.RECEIPT_HEADER, sections=(text,), facts=(("Nummer", report.number),))


def new_for_responsible(report: LexSarahReport, unit: Unit) -> Message:
    text = t.NEW_TEXT.format(number=report.number, unit=unit.name, event=report.event_date.isoformat(),
                             due=report.due_date.isoformat())
    return Message(text=text, header=t.NEW_HEADER, sections=(text,),
                   facts=(("Nummer", report.number), ("Verksamhet", unit.name)),
                   buttons=(Button(t.BTN_OPEN, A_OPEN, report.number),
                            Button(t.BTN_TAKE, A_TAKE, report.number, ButtonStyle.PRIMARY)))


def ivo_reminder(report: LexSarahReport) -> Message:
    """A DM: number, state and the button; the assessment itself stays in the report."""
    text = t.IVO_REMINDER_TEXT.format(number=report.number)
    return Message(text=text, header=t.IVO_HEADER, sections=(text,),
                   buttons=(Button(t.BTN_IVO, A_IVO, report.number, ButtonStyle.PRIMARY),
                            Button(t.BTN_OPEN, A_OPEN, report.number)))


def done_for_reporter(report: LexSarahReport) -> Message:
    """A DM to the reporter: the state only; the outcome is shown behind [Visa], after the permission check."""
    text = t.DONE_TEXT.format(number=report.number)
    return Message(text=text, header=t.DONE_HEADER, sections=(text,),
                   buttons=(Button(t.BTN_OPEN, A_OPEN, report.number),))


@dataclass(frozen=True)
class LexSarahView:
    report: LexSarahReport
    unit: Unit
    investigator: Person | None
    viewer_is_investigator: bool
    viewer_is_responsible: bool
    full: bool = True  # False: the reporter's view, state and outcome only


def outcome_only(view: LexSarahView) -> Message:
    """What the reporter sees: the state and, once closed, the outcome; never the investigation."""
    r = view.report
    facts: list[tuple[str, str]] = [("Status", t.STATUS.get(r.status, r.status)), ("Verksamhet", view.unit.name)]
    if r.status == LexSarahStatus.AVSLUTAD and r.assessment:
        facts.append(("Utfall", t.ASSESSMENTS.get(r.assessment, r.assessment)))
    text = f"{r.number}: {t.STATUS.get(r.status, r.status)}"
    return Message(text=text, header=r.number, sections=(t.REPORTER_VIEW_NOTE,), facts=tuple(facts), private=True,
                   reveal=Button(t.BTN_OPEN, A_OPEN, r.number))


def detail(view: LexSarahView, today: date) -> Message:
    if not view.full:
        return outcome_only(view)
    r = view.report
    facts: list[tuple[str, str]] = [
        ("Status", t.STATUS.get(r.status, r.status)), ("Verksamhet", view.unit.name),
        ("Händelsedatum", r.event_date.isoformat()), ("Upptäckt", r.noticed_date.isoformat()),
        ("Utredare", view.investigator.name if view.investigator else "ingen ännu"),
        ("Lokalt mål", iso_and_swedish(r.due_date)
         + ("" if r.status == LexSarahStatus.AVSLUTAD else f", {days_phrase(r.due_date, today)}")),
    ]
    if r.case_reference:
        facts.append(("Ärendereferens", r.case_reference))
    if r.assessment:
        facts.append(("Bedömning", t.ASSESSMENTS.get(r.assessment, r.assessment)))
    if r.ivo_reported_on:
        facts.append(("Anmäld till IVO", r.ivo_reported_on.isoformat()))
    sections = [f"*Vad har hänt*\n{r.what_happened}", f"*Konsekvenser*\n{r.consequence}",
                f"*Gjordes direkt*\n{r.immediate_action}"]
    investigation = [("Orsaker", r.inv_causes), ("Hänt tidigare", r.inv_happened_before),
                     ("Kan hända igen", r.inv_could_recur), ("Åtgärder", r.inv_measures),
                     ("Motivering", r.assessment_motivation)]
    if any(v for _, v in investigation):
        sections.append("*Utredning*\n" + "\n".join(f"{k}: {v or '(ej ifyllt)'}" for k, v in investigation))
    buttons: list[Button] = []
    open_ = r.status != LexSarahStatus.AVSLUTAD
    if open_ and r.investigator_id is None and view.viewer_is_responsible:
        buttons.append(Button(t.BTN_TAKE, A_TAKE, r.number, ButtonStyle.PRIMARY))
    if open_ and view.viewer_is_investigator:
        buttons.append(Button(t.BTN_INVESTIGATE, A_INVESTIGATE, r.number, ButtonStyle.PRIMARY))
        if r.assessment in t.SERIOUS and r.ivo_reported_on is None:
            buttons.append(Button(t.BTN_IVO, A_IVO, r.number))
        if r.assessment:
            buttons.append(Button(t.BTN_CLOSE, A_CLOSE, r.number, ButtonStyle.DANGER))
    return Message(text=f"{r.number}: {t.STATUS.get(r.status, r.status)}", header=r.number,
                   sections=tuple(sections), facts=tuple(facts), buttons=tuple(buttons), private=True,
                   reveal=Button(t.BTN_OPEN, A_OPEN, r.number))


@dataclass(frozen=True)
class Overview:
    to_investigate: list[LexSarahReport]
    reported: list[LexSarahReport]


def overview(data: Overview, today: date) -> Message:
    open_lines = [f"• {r.number} · {t.STATUS.get(r.status, r.status)} · mål {r.due_date.isoformat()} "
                  f"({days_phrase(r.due_date, today)})" for r in data.to_investigate] or [t.LIST_EMPTY]
    mine = [f"• {r.number} · {t.STATUS.get(r.status, r.status)}" for r in data.reported] or [t.LIST_EMPTY]
    return Message(text=f"{t.LIST_HEADER}: {len(data.to_investigate)} att utreda", header=t.LIST_HEADER,
                   sections=(f"*{t.LIST_OPEN}* ({len(data.to_investigate)})\n" + "\n".join(open_lines),
                             f"*{t.LIST_MINE}* ({len(data.reported)})\n" + "\n".join(mine)),
                   private=True, reveal=Button(t.BTN_OPEN, A_LIST, "-"))
