"""Neutral messages of the avvikelse feature. Notifications carry number, unit, category and dates only;
the report's content is shown only in the detail view, after the permission check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.avvikelse import texts as t
from bot.clock import to_local
from bot.deadlines.calculator import compute
from bot.ui.model import Button, ButtonStyle, Message, iso_and_swedish
from bot.ui.phrases import count, days_phrase, relative_day
from storage.models import Avvikelse, AvvikelseStatus, FollowUp, Measure, Person, Unit

A_NEW = "avvikelse:new"
A_OPEN = "avvikelse:open"
A_START = "avvikelse:start"
A_INVESTIGATE = "avvikelse:investigate"
A_MEASURE = "avvikelse:measure"
A_HANDOVER = "avvikelse:handover"
A_REOPEN = "avvikelse:reopen"
A_FOLLOW_UP_DONE = "avvikelse:followup_done"
A_FOLLOW_UP_SNOOZE = "avvikelse:followup_snooze"
A_FOLLOW_UP_PASS = "avvikelse:followup_pass"
A_LIST = "avvikelse:list"


def receipt(report: Avvikelse, unit: Unit, chef: Person) -> Message:
    text = t.RECEIPT_TEXT.format(number=report.number, chef=chef.name, due=iso_and_swedish(report.due_date))
    return Message(
        text=text,
        header=t.RECEIPT_HEADER,
        sections=(text,),
        facts=(("Nummer", report.number), ("Enhet", unit.name), ("Utredande chef", chef.name),
               ("Utreds senast", iso_and_swedish(report.due_date))),
        buttons=(Button(t.BTN_OPEN, A_OPEN, report.number),),
    )


def assigned(report: Avvikelse, unit: Unit, *, handed_over_by: Person | None = None) -> Message:
    due = iso_and_swedish(report.due_date)
    if handed_over_by:
        text = t.HANDED_OVER_TEXT.format(number=report.number, by=handed_over_by.name, due=due)
    else:
        text = t.ASSIGNED_TEXT.format(number=report.number, unit=unit.name, category=report.category, due=due)
    sections = (text, t.OUTGOING_HINT) if report.origin == "extern_utgaende" else (text,)
    return Message(
        text=text,
        header=t.ASSIGNED_HEADER,
        sections=sections,
        facts=(("Nummer", report.number), ("Enhet", unit.name), ("Kategori", report.category),
               ("Händelsedatum", report.event_date.isoformat()), ("Utreds senast", due)),
        buttons=(
            Button(t.BTN_OPEN, A_OPEN, report.number),
            Button(t.BTN_START, A_START, report.number, ButtonStyle.PRIMARY),
            Button(t.BTN_HANDOVER, A_HANDOVER, report.number),
        ),
    )


def feedback(report: Avvikelse, chef: Person, measures: Sequence[tuple[Measure, Person]]) -> Message:
    """The återkoppling DM: that the investigation is done and how many measures; what they are is in [Visa]."""
    how_many = count(len(measures), "åtgärd", "åtgärder") if measures else "inga åtgärder"
    text = t.FEEDBACK_TEXT.format(number=report.number, measures=how_many)
    facts = [("Nummer", report.number), ("Status", t.STATUS.get(report.status, report.status)),
             ("Utredande chef", chef.name)]
    if report.inv_follow_up_date:
        facts.append(("Uppföljning", iso_and_swedish(report.inv_follow_up_date)))
    return Message(
        text=text,
        header=t.FEEDBACK_HEADER,
        sections=(text,),
        facts=tuple(facts),
        buttons=(Button(t.BTN_OPEN, A_OPEN, report.number),),
    )


def lex_sarah_flag(report: Avvikelse, unit: Unit, *, unsure: bool = False) -> Message:
    text = (t.LEX_SARAH_FLAG_UNSURE if unsure else t.LEX_SARAH_FLAG).format(number=report.number, unit=unit.name)
    return Message(text=text, header=t.LEX_SARAH_FLAG_HEADER, sections=(text,),
                   facts=(("Nummer", report.number), ("Enhet", unit.name), ("Kategori", report.category)))


def follow_up_reminder(report: Avvikelse, follow_up: FollowUp, measure: Measure | None) -> Message:
    what = f"åtgärd med datum {measure.due_date.isoformat()}" if measure else "samlad uppföljning"
    text = t.FOLLOW_UP_TEXT.format(number=report.number, what=what)
    return Message(
        text=text,
        header=t.FOLLOW_UP_HEADER,
        sections=(text,),
        facts=(("Nummer", report.number), ("Uppföljning", iso_and_swedish(follow_up.due_date))),
        buttons=(
            Button(t.BTN_OPEN, A_OPEN, report.number),
            Button(t.BTN_FOLLOW_UP_DONE, A_FOLLOW_UP_DONE, str(follow_up.id), ButtonStyle.PRIMARY),
            Button(t.BTN_FOLLOW_UP_SNOOZE, A_FOLLOW_UP_SNOOZE, str(follow_up.id)),
            Button(t.BTN_FOLLOW_UP_PASS, A_FOLLOW_UP_PASS, str(follow_up.id)),
        ),
    )


def follow_up_escalation(report: Avvikelse, unit: Unit, follow_up: FollowUp, owner: Person) -> Message:
    text = t.ESCALATION_TEXT.format(number=report.number, unit=unit.name, due=follow_up.due_date.isoformat(),
                                    owner=owner.name)
    return Message(text=text, header=t.ESCALATION_HEADER, sections=(text,),
                   facts=(("Nummer", report.number), ("Uppföljning", iso_and_swedish(follow_up.due_date)),
                          ("Ansvarig", owner.name)),
                   buttons=(Button(t.BTN_OPEN, A_OPEN, report.number),
                            Button(t.BTN_FOLLOW_UP_DONE, A_FOLLOW_UP_DONE, str(follow_up.id)),
                            Button(t.BTN_FOLLOW_UP_PASS, A_FOLLOW_UP_PASS, str(follow_up.id))))


@dataclass(frozen=True)
class ReportView:
    report: Avvikelse
    unit: Unit
    reporter: Person
    investigator: Person
    measures: list[tuple[Measure, Person]]
    follow_ups: list[FollowUp]
    viewer_is_investigator: bool
    viewer_can_reopen: bool


def detail(view: ReportView, today: date) -> Message:
    r = view.report
    facts: list[tuple[str, str]] = [
        ("Status", t.STATUS.get(r.status, r.status)),
        ("Enhet", view.unit.name),
        ("Händelsedatum", r.event_date.isoformat()),
        ("Rapporterad", to_local(r.created_at).date().isoformat()),
        ("Typ", t.SUBJECTS.get(r.subject, r.subject)),
        ("Ursprung", t.ORIGINS_SHORT.get(r.origin, r.origin)),
        ("Kategori", r.category),
        ("Rapporterad av", view.reporter.name),
        ("Utredande chef", view.investigator.name),
        ("Utreds senast", f"{iso_and_swedish(r.due_date)}"
         + ("" if r.status == AvvikelseStatus.AVSLUTAD else f", {days_phrase(r.due_date, today)}")),
    ]
    if r.case_reference:
        facts.append(("Ärendereferens", r.case_reference))
    sections = [
        f"*Vad hände?*\n{r.what_happened}",
        f"*Konsekvens*\n{r.consequence}",
        f"*Gjordes direkt*\n{r.immediate_action}",
    ]
    if r.status != AvvikelseStatus.MOTTAGEN:
        inv = [
            ("Händelseförlopp", r.inv_course),
            ("Vad gick fel", r.inv_what_went_wrong),
            ("Orsaker", r.inv_causes),
            ("Lex Sarah?", t.LEX_SARAH.get(r.inv_lex_sarah or "", None)),
        ]
        sections.append("*Utredning*\n" + "\n".join(f"{k}: {v or '(ej ifyllt)'}" for k, v in inv))
    if view.measures:
        sections.append(
            "*Åtgärder*\n"
            + "\n".join(f"• {m.description} (ansvarig {p.name}, klart senast {m.due_date.isoformat()})"
                        for m, p in view.measures)
        )
    planned = [f for f in view.follow_ups if f.status == "planerad"]
    if planned:
        sections.append("*Uppföljningar*\n" + "\n".join(f"• {f.due_date.isoformat()}" for f in planned))
    context: tuple[str, ...] = ()
    explained = compute("avvikelse_utredning", to_local(r.created_at).date())
    if explained.due == r.due_date:  # the rule in force still gives this date: show how
        context = (f"Utreds senast: {explained.summary}",)
    buttons: list[Button] = []
    if view.viewer_is_investigator and r.status == AvvikelseStatus.MOTTAGEN:
        buttons.append(Button(t.BTN_START, A_START, r.number, ButtonStyle.PRIMARY))
    if view.viewer_is_investigator and r.status == AvvikelseStatus.UNDER_UTREDNING:
        buttons += [Button(t.BTN_INVESTIGATE, A_INVESTIGATE, r.number, ButtonStyle.PRIMARY),
                    Button(t.BTN_MEASURE, A_MEASURE, r.number)]
    if view.viewer_can_reopen and r.status != AvvikelseStatus.AVSLUTAD:
        buttons.append(Button(t.BTN_HANDOVER, A_HANDOVER, r.number))
    if view.viewer_can_reopen and r.status == AvvikelseStatus.AVSLUTAD:
        buttons.append(Button(t.BTN_REOPEN, A_REOPEN, r.number, ButtonStyle.DANGER))
    return Message(
        text=f"{r.number}: {t.STATUS.get(r.status, r.status)}",
        header=r.number,
        sections=tuple(sections),
        facts=tuple(facts),
        buttons=tuple(buttons),
        context=context,
        private=True,
        reveal=Button(t.BTN_OPEN, A_OPEN, r.number),
    )


@dataclass(frozen=True)
class Overview:
    reported: list[Avvikelse]
    to_investigate: list[Avvikelse]
    follow_ups: list[tuple[FollowUp, Avvikelse]]


def follow_up_line(f: FollowUp, r: Avvikelse, today: date) -> str:
    """One line per follow-up, at its next date: after a snooze, the new date (once), not the old one."""
    next_day = f.remind_on or f.due_date
    what = t.FOLLOW_UP_KIND_MEASURE if f.measure_id else t.FOLLOW_UP_KIND_OVERALL
    when = t.FOLLOW_UP_NOW if next_day <= today else relative_day(next_day, today)
    line = f"• {r.number} · {what} · {next_day.isoformat()} ({when})"
    if next_day != f.due_date:
        line += " · " + t.FOLLOW_UP_POSTPONED.format(date=f.due_date.isoformat())
    return line


def overview(data: Overview, today: date) -> Message:
    def line(r: Avvikelse) -> str:
        return f"• {r.number} · {r.category} · {t.STATUS.get(r.status, r.status)}"

    reported = [line(r) for r in data.reported] or [t.LIST_EMPTY]
    investigate = [
        f"• {r.number} · {r.category} · senast {r.due_date.isoformat()} ({days_phrase(r.due_date, today)})"
        for r in data.to_investigate
    ] or [t.LIST_EMPTY]
    follow = [follow_up_line(f, r, today) for f, r in data.follow_ups] or [t.LIST_EMPTY]
    sections = (
        f"*{t.LIST_INVESTIGATE}* ({len(data.to_investigate)})\n" + "\n".join(investigate),
        f"*{t.LIST_FOLLOW_UPS}* ({len(data.follow_ups)})\n" + "\n".join(follow),
        f"*{t.LIST_REPORTED}* ({len(data.reported)})\n" + "\n".join(reported),
    )
    buttons = tuple(Button(f"{t.BTN_OPEN} {r.number}", A_OPEN, r.number) for r in data.to_investigate[:5])
    return Message(
        text=f"{t.LIST_HEADER}: {len(data.to_investigate)} att utreda, {len(data.follow_ups)} uppföljningar",
        header=t.LIST_HEADER,
        sections=sections,
        buttons=buttons,
        private=True,
        reveal=Button(t.BTN_OPEN, A_LIST, "-"),
    )
