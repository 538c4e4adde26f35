"""Neutral messages of the lex Sarah feature. Notifications carry number, unit and dates only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.lex_sarah import texts as t
from bot.ui.model import Button, ButtonStyle, Message, iso_and_swedish
from bot.ui.phrases import days_phrase
from storage.models import Person, Unit
from storage.models.lex_sarah import LexSarahEvent, LexSarahMeasure, LexSarahReport, LexSarahStatus

A_NEW = "lexsarah:new"
A_OPEN = "lexsarah:open"
A_TAKE = "lexsarah:take"
A_INVESTIGATE = "lexsarah:investigate"
A_IVO = "lexsarah:ivo"
A_CLOSE = "lexsarah:close"
A_CLOSE_CONFIRM = "lexsarah:close_confirm"
A_DECISION = "lexsarah:decision"
A_MEASURE_ADD = "lexsarah:measure_add"
A_MEASURE_OPEN = "lexsarah:measure_open"
A_MEASURE_DONE = "lexsarah:measure_done"
A_FOLLOW_UP_DONE = "lexsarah:followup_done"
A_MEASURE_SNOOZE = "lexsarah:measure_snooze"
A_MEASURE_PASS = "lexsarah:measure_pass"
A_TRIAGE = "lexsarah:triage"
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
    state_only: bool = False
    events: list[LexSarahEvent] = field(default_factory=list)
    measures: list[LexSarahMeasure] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    can_manage: bool = False
    can_add_measures: bool = False


def _target(r: LexSarahReport, today: date) -> str:
    return (iso_and_swedish(r.due_date) + ("" if r.status in (LexSarahStatus.AVSLUTAD, LexSarahStatus.BESLUTAD,
                                                                  LexSarahStatus.ANMALD_IVO, LexSarahStatus.ATGARDER,
                                                                  LexSarahStatus.UPPFOLJNING)
                                           else f", {days_phrase(r.due_date, today)}"))


def step_lines(view: LexSarahView) -> list[str]:
    """One line per step: the state, the day it was recorded (and the date it concerns), who."""
    from bot.clock import to_local

    lines = []
    for e in view.events:
        when = to_local(e.at).strftime("%Y-%m-%d %H:%M")
        on = f" (datum {e.on_date.isoformat()})" if e.on_date else ""
        who = view.names.get(e.actor_id or 0, "systemet")
        lines.append(f"• {t.STEP_NAMES.get(e.state, e.state)}: {when}{on}, {who}")
    return lines


def measure_line(m: LexSarahMeasure, names: dict[int, str]) -> str:
    follow = m.follow_up_date.isoformat() if m.follow_up_date else "–"
    if m.follow_up_done_on:
        follow += f" (gjord {m.follow_up_done_on.isoformat()})"
    done = m.done_on.isoformat() if m.done_on else "–"
    return (f"{m.position}. {m.description}\n   Ansvarig: {names.get(m.responsible_id, '?')} · Planerat klart: "
            f"{m.planned_date.isoformat()} · Uppföljning: {follow} · Avslut: {done}")


def detail(view: LexSarahView, today: date) -> Message:
    r = view.report
    if view.state_only:
        return state_only(view)
    facts: list[tuple[str, str]] = [
        ("Status", t.STATUS.get(r.status, r.status)), ("Verksamhet", view.unit.name),
        ("Händelsedatum", r.event_date.isoformat()), ("Upptäckt", r.noticed_date.isoformat()),
        ("Utredare", view.investigator.name if view.investigator else "ingen ännu"),
        (t.LABEL_LOCAL_TARGET + f" ({t.LOCAL_TARGET})", _target(r, today)),
    ]
    if r.case_reference:
        facts.append(("Ärendereferens", r.case_reference))
    if r.avvikelse_number:
        facts.append((t.LINKED_AVVIKELSE, r.avvikelse_number))
    if r.assessment:
        facts.append(("Ställningstagande", t.ASSESSMENTS.get(r.assessment, r.assessment)))
    if r.decided_on:
        by = t.DECISION_BY.get(r.decision_by or "", r.decision_by or "")
        facts.append(("Beslut", f"{r.decided_on.isoformat()}, {by}" + (f" ({r.decision_by_name})"
                                                                       if r.decision_by_name else "")))
    if r.ivo_reported_on:
        facts.append(("Anmäld till IVO", r.ivo_reported_on.isoformat()
                      + (f", IVO:s nr {r.ivo_reference}" if r.ivo_reference else "")))
    sections = [f"*Vad har hänt*\n{r.what_happened}", f"*Konsekvenser*\n{r.consequence}",
                f"*Gjordes direkt*\n{r.immediate_action}"]
    investigation = [("När och hur det uppmärksammades", r.inv_noticed_how), ("Orsaker", r.inv_causes),
                     ("Hänt tidigare", r.inv_happened_before), ("Kan hända igen", r.inv_could_recur),
                     ("Åtgärder", r.inv_measures), ("Övrigt", r.inv_other), ("Källor", r.inv_sources),
                     ("Motivering", r.assessment_motivation)]
    if any(v for _, v in investigation):
        sections.append("*Utredning*\n" + "\n".join(f"{k}: {v or '(ej ifyllt)'}" for k, v in investigation))
    if view.measures:
        sections.append(f"*{t.DOC_PLAN}*\n" + "\n".join(measure_line(m, view.names) for m in view.measures))
    if view.events:
        sections.append(f"*{t.DOC_STEPS}*\n" + "\n".join(step_lines(view)))
    buttons: list[Button] = []
    open_ = r.status != LexSarahStatus.AVSLUTAD
    status = r.status
    if open_ and r.investigator_id is None and view.viewer_is_responsible:
        buttons.append(Button(t.BTN_TAKE, A_TAKE, r.number, ButtonStyle.PRIMARY))
    if open_ and view.viewer_is_investigator and status in (LexSarahStatus.UNDER_UTREDNING,
                                                            LexSarahStatus.STALLNINGSTAGANDE):
        buttons.append(Button(t.BTN_INVESTIGATE, A_INVESTIGATE, r.number, ButtonStyle.PRIMARY))
    if open_ and view.can_manage:
        if status == LexSarahStatus.STALLNINGSTAGANDE:
            buttons.append(Button(t.BTN_DECISION, A_DECISION, r.number))
        if r.assessment in t.SERIOUS and r.ivo_reported_on is None and r.decided_on is not None:
            buttons.append(Button(t.BTN_IVO, A_IVO, r.number, ButtonStyle.PRIMARY))
    if open_ and view.can_add_measures and status not in (LexSarahStatus.MOTTAGEN, LexSarahStatus.UNDER_UTREDNING):
        buttons.append(Button(t.BTN_MEASURE_ADD, A_MEASURE_ADD, r.number))
    if open_ and view.can_manage and r.decided_on is not None:
        buttons.append(Button(t.BTN_CLOSE, A_CLOSE, r.number, ButtonStyle.DANGER))
    return Message(text=f"{r.number}: {t.STATUS.get(r.status, r.status)}", header=r.number,
                   sections=tuple(sections), facts=tuple(facts), buttons=tuple(buttons), private=True,
                   reveal=Button(t.BTN_OPEN, A_OPEN, r.number))


def state_only(view: LexSarahView) -> Message:
    """What the reporter sees: the state, and the outcome once closed. No content, no investigation."""
    r = view.report
    facts: list[tuple[str, str]] = [("Status", t.STATUS.get(r.status, r.status)), ("Verksamhet", view.unit.name),
                                    ("Rapporterad", r.created_at.date().isoformat())]
    if r.status == LexSarahStatus.AVSLUTAD and r.assessment:
        facts.append(("Utfall", t.ASSESSMENTS.get(r.assessment, r.assessment)))
    return Message(text=f"{r.number}: {t.STATUS.get(r.status, r.status)}", header=r.number,
                   sections=(t.STATE_ONLY_NOTE,), facts=tuple(facts), private=True,
                   reveal=Button(t.BTN_OPEN, A_OPEN, r.number))


def confirm_close(report: LexSarahReport) -> Message:
    text = t.CONFIRM_CLOSE.format(number=report.number)
    return Message(text=text, header=t.BTN_CLOSE, sections=(text,),
                   buttons=(Button(t.BTN_CONFIRM_CLOSE, A_CLOSE_CONFIRM, report.number, ButtonStyle.DANGER),))


@dataclass(frozen=True)
class OverviewRow:
    report: LexSarahReport
    unit: str
    waits_for: str


@dataclass(frozen=True)
class Overview:
    open_rows: list[OverviewRow]
    reported: list[LexSarahReport]
    show_open: bool = True


def overview(data: Overview, today: date) -> Message:
    from bot.clock import to_local

    open_lines = [
        f"• {row.report.number} · {row.unit} · {t.STATUS.get(row.report.status, row.report.status)} · "
        f"{t.LIST_DAYS.format(days=(today - to_local(row.report.created_at).date()).days)} · "
        f"{t.LIST_WAITS.lower()}: {row.waits_for}"
        + (f" · {t.LOCAL_TARGET} {row.report.due_date.isoformat()} ({days_phrase(row.report.due_date, today)})"
           if row.report.status in (LexSarahStatus.MOTTAGEN, LexSarahStatus.UNDER_UTREDNING) else "")
        for row in data.open_rows] or [t.LIST_EMPTY]
    mine = [f"• {r.number} · {t.STATUS.get(r.status, r.status)}" for r in data.reported] or [t.LIST_EMPTY]
    sections = []
    if data.show_open:
        sections.append(f"*{t.LIST_OPEN}* ({len(data.open_rows)})\n" + "\n".join(open_lines))
    sections.append(f"*{t.LIST_MINE}* ({len(data.reported)})\n" + "\n".join(mine))
    return Message(text=f"{t.LIST_HEADER}: {len(data.open_rows)} öppna", header=t.LIST_HEADER,
                   sections=tuple(sections), private=True, reveal=Button(t.BTN_OPEN, A_LIST, "-"))


# --- handlingsplan reminders: number, position and dates only, never the measure's text -------------


def measure_reminder(report: LexSarahReport, measure: LexSarahMeasure, follow_up: bool) -> Message:
    if follow_up:
        due = measure.follow_up_date or measure.planned_date
        text = t.REMINDER_FOLLOW_UP.format(position=measure.position, number=report.number, due=iso_and_swedish(due))
        done = Button(t.BTN_FOLLOW_UP_DONE, A_FOLLOW_UP_DONE, str(measure.id), ButtonStyle.PRIMARY)
    else:
        text = t.REMINDER_PLANNED.format(position=measure.position, number=report.number,
                                         due=iso_and_swedish(measure.planned_date))
        done = Button(t.BTN_MEASURE_DONE, A_MEASURE_DONE, str(measure.id), ButtonStyle.PRIMARY)
    return Message(text=text, header=t.REMINDER_HEADER, sections=(text,),
                   facts=(("Nummer", report.number), ("Åtgärd", str(measure.position))),
                   buttons=(Button(t.BTN_MEASURE_OPEN, A_MEASURE_OPEN, str(measure.id)), done,
                            Button(t.BTN_SNOOZE, A_MEASURE_SNOOZE, str(measure.id)),
                            Button(t.BTN_PASS, A_MEASURE_PASS, str(measure.id))))


def measure_escalation(report: LexSarahReport, unit: Unit, measure: LexSarahMeasure, owner: Person,
                       due: date) -> Message:
    text = t.ESCALATION_TEXT.format(position=measure.position, number=report.number, unit=unit.name,
                                    owner=owner.name, due=due.isoformat())
    return Message(text=text, header=t.ESCALATION_HEADER, sections=(text,),
                   buttons=(Button(t.BTN_OPEN, A_OPEN, report.number),))


def measure_detail(report: LexSarahReport, measure: LexSarahMeasure, names: dict[int, str]) -> Message:
    text = measure_line(measure, names)
    if measure.follow_up_result:
        text += f"\n   Resultat: {measure.follow_up_result}"
    buttons: list[Button] = []
    if measure.done_on is None:
        buttons.append(Button(t.BTN_MEASURE_DONE, A_MEASURE_DONE, str(measure.id), ButtonStyle.PRIMARY))
    elif measure.follow_up_date and measure.follow_up_done_on is None:
        buttons.append(Button(t.BTN_FOLLOW_UP_DONE, A_FOLLOW_UP_DONE, str(measure.id), ButtonStyle.PRIMARY))
    if buttons:
        buttons += [Button(t.BTN_SNOOZE, A_MEASURE_SNOOZE, str(measure.id)),
                    Button(t.BTN_PASS, A_MEASURE_PASS, str(measure.id))]
    return Message(text=f"{report.number}, åtgärd {measure.position}", header=f"{report.number}: åtgärd "
                   f"{measure.position}", sections=(text,), buttons=tuple(buttons), private=True,
                   reveal=Button(t.BTN_MEASURE_OPEN, A_MEASURE_OPEN, str(measure.id)))


# --- triage -------------------------------------------------------------------------------------------


def triage_result(result_text: str, suggestion: str, told: bool) -> Message:
    label = t.SUGGESTIONS.get(suggestion, suggestion)
    sections = [result_text]
    if told:
        sections.append(t.TRIAGE_TOLD.format(suggestion=label[0].lower() + label[1:]))
    if suggestion != "nej":
        sections.append(t.TRIAGE_ADVICE)
    return Message(text=result_text, header=t.TRIAGE_RESULT_HEADER.format(suggestion=label),
                   sections=tuple(sections),
                   buttons=(Button("Rapportera lex Sarah", A_NEW, "-", ButtonStyle.PRIMARY),)
                   if suggestion != "nej" else ())


def triage_notice(text: str, suggestion: str, number: str | None) -> Message:
    label = t.SUGGESTIONS.get(suggestion, suggestion)
    return Message(text=text, header=t.TRIAGE_NOTICE_HEADER.format(suggestion=label), sections=(text,),
                   facts=(("Avvikelse", number),) if number else ())
