"""Lex Sarah as chat flows: `/lexsarah …`, its buttons and forms (the whole workflow, the handlingsplan,
triage, and making an avvikelse a lex Sarah report)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.chat.subcommands import common_reply
from bot.clock import today_local
from bot.config import Settings
from bot.errors import UserError
from bot.lex_sarah import forms
from bot.lex_sarah import messages as msg
from bot.lex_sarah import texts as t
from bot.lex_sarah.service import LexSarahService
from bot.lex_sarah.triage_service import TriageService
from bot.org.directory import active_units
from bot.reminders.handlingsplan import HandlingsplanService
from bot.ui.model import FormResult, Message, Reply, iso_and_swedish
from bot.ui.texts import UNKNOWN_COMMAND
from bot.ui.validation import validate_form
from storage.models import Person

if TYPE_CHECKING:
    from bot.avvikelse.service import AvvikelseService

SUBCOMMANDS = {"lista": "list", "list": "list", "visa": "show", "hjälp": "help", "hjalp": "help", "help": "help",
               "triage": "triage"}
A_CONVERT = "lexsarah:convert"
MEASURE_ACTIONS = (msg.A_MEASURE_OPEN, msg.A_MEASURE_DONE, msg.A_FOLLOW_UP_DONE, msg.A_MEASURE_SNOOZE,
                   msg.A_MEASURE_PASS)


def _measure_id(raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise UserError(t.ERR_MEASURE_NOT_FOUND) from exc


class LexSarahFlows:
    command_name = "lexsarah"
    action_prefix = "lexsarah:"
    form_prefix = "lexsarah_"

    def __init__(self, service: LexSarahService, settings: Settings, *,
                 avvikelser: AvvikelseService | None = None) -> None:
        self.service = service
        self.settings = settings
        self.measures = HandlingsplanService(service.db, settings)
        self.triage = TriageService(service.db, settings)
        self.avvikelser = avvikelser

    def new_form(self, actor: Person) -> forms.Form:
        with self.service.db.read() as session:
            units = active_units(session)
        return forms.new_form(units, next((u for u in units if u.id == actor.unit_id), None))

    def triage_form(self, actor: Person) -> forms.Form:
        with self.service.db.read() as session:
            units = active_units(session)
        return forms.triage_form(units, next((u for u in units if u.id == actor.unit_id), None),
                                 self.triage.matrix().form_fields(required=True))

    def overview(self, actor: Person) -> Message:
        return msg.overview(self.service.overview(actor), today_local())

    def command(self, actor: Person, text: str, channel: str) -> Reply:
        parts = text.strip().split(maxsplit=1)
        if not parts:
            return Reply(form=self.new_form(actor))
        sub = SUBCOMMANDS.get(parts[0].lower())
        if sub == "triage":
            return Reply(form=self.triage_form(actor))
        common = common_reply(sub, t.HELP, lambda: self.overview(actor))
        if common is not None:
            return common
        if len(parts) < 2:
            raise UserError(t.ERR_BAD_NUMBER)
        return self.action(actor, msg.A_OPEN, parts[1], channel)

    def action(self, actor: Person, action_id: str, value: str, channel: str) -> Reply:
        if action_id == msg.A_NEW:
            return Reply(form=self.new_form(actor))
        if action_id == msg.A_TRIAGE:
            return Reply(form=self.triage_form(actor))
        if action_id == msg.A_LIST:
            return Reply(message=self.overview(actor))
        if action_id == msg.A_OPEN:
            view = self.service.view(actor, value, channel=channel)
            message = msg.detail(view, today_local())
            number = view.report.avvikelse_number
            row = self.triage.for_avvikelse(number) if number and not view.state_only else None
            if row is not None:  # the triage made while the avvikelse was filed, for the investigator
                from dataclasses import replace

                from bot.lex_sarah.triage_service import describe

                message = replace(message, sections=(*message.sections, describe(row, self.triage.matrix())))
            return Reply(message=message)
        if action_id == msg.A_TAKE:
            report = self.service.take(actor, value, channel=channel)
            return Reply(message=Message(text=t.TAKEN.format(number=report.number)),
                         form=forms.investigation_form(report))
        if action_id == msg.A_INVESTIGATE:
            return Reply(form=forms.investigation_form(self.service.for_form(actor, value, channel=channel)))
        if action_id == msg.A_DECISION:
            return Reply(form=forms.decision_form(self.service.for_managing(actor, value)))
        if action_id == msg.A_IVO:
            return Reply(form=forms.ivo_form(self.service.for_managing(actor, value)))
        if action_id == msg.A_MEASURE_ADD:
            return Reply(form=forms.measure_form(self.service.for_measures(actor, value)))
        if action_id == msg.A_CLOSE:  # asks first; only the confirmation closes
            return Reply(message=msg.confirm_close(self.service.for_managing(actor, value)))
        if action_id == msg.A_CLOSE_CONFIRM:
            report = self.service.close(actor, value, channel=channel)
            return Reply(message=Message(text=t.CLOSED.format(number=report.number)))
        if action_id in MEASURE_ACTIONS:
            return self._measure_action(actor, action_id, _measure_id(value), channel)
        if action_id == A_CONVERT:
            from bot.handlers.lex_sarah_bridge import convert_avvikelse

            if self.avvikelser is None:
                raise UserError(UNKNOWN_COMMAND)
            number, avvikelse = convert_avvikelse(self.avvikelser, self.service, actor, value, channel=channel)
            return Reply(message=Message(text=t.CONVERTED.format(avvikelse=avvikelse, number=number)))
        raise UserError(UNKNOWN_COMMAND)

    def _measure_action(self, actor: Person, action_id: str, measure_id: int, channel: str) -> Reply:
        if action_id == msg.A_MEASURE_OPEN:
            report, measure, names = self.measures.view(actor, measure_id, channel=channel)
            return Reply(message=msg.measure_detail(report, measure, names))
        if action_id == msg.A_MEASURE_DONE:
            report, measure = self.measures.complete(actor, measure_id, channel=channel)
            assert measure.done_on is not None
            return Reply(message=Message(text=t.MEASURE_DONE.format(
                position=measure.position, number=report.number, date=measure.done_on.isoformat())))
        if action_id == msg.A_FOLLOW_UP_DONE:
            return Reply(form=forms.follow_up_form(measure_id))
        if action_id == msg.A_MEASURE_SNOOZE:
            report, measure, day = self.measures.snooze(actor, measure_id, channel=channel)
            return Reply(message=Message(text=t.MEASURE_SNOOZED.format(
                position=measure.position, number=report.number, date=iso_and_swedish(day))))
        return Reply(form=forms.pass_form(measure_id))

    def submit(
        self, actor: Person, form_id: str, context: Mapping[str, str], values: Mapping[str, str | None],
        *, submission_key: str, channel: str,
    ) -> FormResult:
        if form_id == forms.FORM_NEW:
            data, errors = forms.parse_new(self.new_form(actor), values, today_local())
            if data is None:
                return FormResult(errors=errors)
            filed = self.service.file(actor, data, submission_key=submission_key, channel=channel)
            return FormResult(message=msg.receipt(filed.report))
        if form_id == forms.FORM_TRIAGE:
            clean, errors = validate_form(self.triage_form(actor), values)
            if errors:
                return FormResult(errors=errors)
            done = self.triage.record(actor, clean, unit_code=clean.get("unit"), channel=channel)
            if done is None:
                raise UserError(t.ERR_TRIAGE_EMPTY)
            return FormResult(message=msg.triage_result(done.text, done.result.suggestion, done.told > 0))
        if form_id in (forms.FORM_FOLLOW_UP, forms.FORM_PASS):
            return self._measure_submit(actor, form_id, context, values, channel)
        number = context.get("number", "")
        if form_id == forms.FORM_INVESTIGATION:
            report = self.service.for_form(actor, number, audit_view=False)
            inv, errors = forms.parse_investigation(forms.investigation_form(report), values)
            if inv is None:
                return FormResult(errors=errors)
            saved = self.service.save_investigation(actor, number, inv, channel=channel)
            if saved.assessment in t.SERIOUS:
                text = t.ASSESSED_SERIOUS.format(number=saved.number,
                                                 assessment=t.ASSESSMENTS[saved.assessment or ""].lower())
            else:
                text = t.SAVED.format(number=saved.number)
            return FormResult(message=Message(text=text))
        if form_id == forms.FORM_DECISION:
            report = self.service.for_managing(actor, number)
            decision, errors = forms.parse_decision(forms.decision_form(report), values, today_local())
            if decision is None:
                return FormResult(errors=errors)
            decided = self.service.record_decision(actor, number, decision, channel=channel)
            return FormResult(message=Message(text=t.DECISION_REGISTERED.format(
                number=decided.number, by=t.DECISION_BY[decision.by], date=iso_and_swedish(decision.decided_on))))
        if form_id == forms.FORM_IVO:
            report = self.service.for_managing(actor, number)
            ivo, errors = forms.parse_ivo(forms.ivo_form(report), values)
            if ivo is None:
                return FormResult(errors=errors)
            registered = self.service.register_ivo(actor, number, ivo, channel=channel)
            return FormResult(message=Message(text=t.IVO_REGISTERED.format(
                number=registered.number, date=iso_and_swedish(ivo.sent_on))))
        if form_id == forms.FORM_MEASURE:
            report = self.service.for_measures(actor, number)
            data_m, errors = forms.parse_measure(forms.measure_form(report), values, today_local())
            if data_m is None:
                return FormResult(errors=errors)
            measure, who = self.service.add_measure(actor, number, data_m, channel=channel)
            return FormResult(message=Message(text=t.MEASURE_ADDED.format(
                position=measure.position, number=report.number, who=who.name,
                due=iso_and_swedish(measure.planned_date))))
        raise UserError(UNKNOWN_COMMAND)

    def _measure_submit(self, actor: Person, form_id: str, context: Mapping[str, str],
                        values: Mapping[str, str | None], channel: str) -> FormResult:
        measure_id = _measure_id(context.get("measure", ""))
        if form_id == forms.FORM_FOLLOW_UP:
            clean, errors = validate_form(forms.follow_up_form(measure_id), values)
            if errors:
                return FormResult(errors=errors)
            report, measure = self.measures.record_follow_up(actor, measure_id, clean["result"] or "",
                                                             channel=channel)
            return FormResult(message=Message(text=t.FOLLOW_UP_SAVED.format(position=measure.position,
                                                                            number=report.number)))
        clean, errors = validate_form(forms.pass_form(measure_id), values)
        if errors:
            return FormResult(errors=errors)
        report, measure, who = self.measures.pass_on(actor, measure_id, clean["to"] or "", channel=channel)
        return FormResult(message=Message(text=t.MEASURE_PASSED.format(position=measure.position,
                                                                       number=report.number, who=who.name)))
