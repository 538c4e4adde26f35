"""The avvikelse feature as chat flows: `/avvikelse …` commands, button actions and form submissions.

Adapters call these through `bot.chat.router.Chat`; the flows turn them into service calls and
neutral replies. User errors are raised as `UserError` and shown by the router.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.avvikelse import forms
from bot.avvikelse import messages as msg
from bot.avvikelse import texts as t
from bot.avvikelse.service import AvvikelseService
from bot.chat.subcommands import common_reply
from bot.clock import today_local
from bot.config import Settings
from bot.errors import UserError
from bot.org.directory import active_units
from bot.reminders.follow_ups import FollowUpService
from bot.ui.model import FormResult, Message, Reply, iso_and_swedish
from bot.ui.texts import UNKNOWN_COMMAND
from storage.models import Person, Unit

if TYPE_CHECKING:
    from bot.lex_sarah.service import LexSarahService
    from bot.lex_sarah.triage import Matrix

UNITS_TTL_SECONDS = 10.0

SUBCOMMANDS = {
    "lista": "list", "list": "list",
    "visa": "show", "öppna": "reopen", "oppna": "reopen",
    "utred": "investigate", "utredning": "investigate",
    "åtgärd": "measure", "atgard": "measure",
    "lämna": "handover", "lamna": "handover",
    "hjälp": "help", "hjalp": "help", "help": "help",
}


class AvvikelseFlows:
    command_name = "avvikelse"
    action_prefix = "avvikelse:"
    form_prefix = "avvikelse_"

    def __init__(self, service: AvvikelseService, follow_ups: FollowUpService, settings: Settings, *,
                 lex_sarah: LexSarahService | None = None) -> None:
        self.service = service
        self.follow_ups = follow_ups
        self.settings = settings
        self._units_cache: tuple[float, list[Unit]] | None = None
        # The built form per default unit, with what it was built from (forms are immutable values).
        self._forms: dict[str | None, tuple[list[Unit], Matrix | None, forms.Form]] = {}
        self.lex_sarah = lex_sarah  # lex Sarah triage and link (bot.handlers.lex_sarah_bridge), when wired

    # --- commands ---------------------------------------------------------------------------------

    def command(self, actor: Person, text: str, channel: str) -> Reply:
        parts = text.strip().split(maxsplit=1)
        if not parts:
            return Reply(form=self.new_form(actor))
        sub = SUBCOMMANDS.get(parts[0].lower())
        arg = parts[1].strip() if len(parts) > 1 else ""
        common = common_reply(sub, t.HELP, lambda: self.overview(actor))
        if common is not None or sub is None:  # (sub is None is answered by common_reply)
            return common or Reply(message=Message(text=t.HELP))
        if not arg:
            raise UserError(t.ERR_BAD_NUMBER)
        return self.action(actor, {
            "show": msg.A_OPEN, "investigate": msg.A_INVESTIGATE, "measure": msg.A_MEASURE,
            "handover": msg.A_HANDOVER, "reopen": msg.A_REOPEN,
        }[sub], arg, channel)

    def _units(self) -> list[Unit]:
        """The unit choices, read at most every few seconds: the form is built on every /avvikelse and
        every submission, in Slack's ack window. Filing checks the unit against the database itself."""
        now = time.monotonic()
        if self._units_cache is None or now - self._units_cache[0] > UNITS_TTL_SECONDS:
            with self.service.db.read() as session:
                self._units_cache = (now, active_units(session))
        return self._units_cache[1]

    def new_form(self, actor: Person) -> forms.Form:
        """The form to file an avvikelse, with the actor's unit chosen. Built once per default unit for as
        long as the unit choices and the triage questions stay the same: every submission builds it again
        to validate against it, in Slack's ack window."""
        units = self._units()
        default = next((u for u in units if u.id == actor.unit_id), None)
        triage = self._triage_questions()
        key = default.code if default else None
        cached = self._forms.get(key)
        if cached is not None and cached[0] is units and cached[1] is triage:
            return cached[2]
        form = forms.new_report_form(units, self.settings.avvikelse_categories, default)
        if triage is not None:
            from bot.handlers.lex_sarah_bridge import with_triage_questions

            form = with_triage_questions(form, triage)
        self._forms[key] = (units, triage, form)
        return form

    def _triage_questions(self) -> Matrix | None:
        """The lex Sarah triage matrix when lex Sarah is wired and its file can be read (else None)."""
        if self.lex_sarah is None:
            return None
        from bot.handlers.lex_sarah_bridge import triage_matrix
        from bot.lex_sarah.triage_service import TriageService

        return triage_matrix(TriageService(self.service.db, self.settings))

    def overview(self, actor: Person) -> Message:
        return msg.overview(self.service.overview(actor), today_local())

    # --- buttons ----------------------------------------------------------------------------------

    def action(self, actor: Person, action_id: str, value: str, channel: str) -> Reply:
        if action_id == msg.A_NEW:
            return Reply(form=self.new_form(actor))
        if action_id == msg.A_LIST:
            return Reply(message=self.overview(actor))
        if action_id == msg.A_OPEN:
            view = self.service.view(actor, value, channel=channel)
            message = msg.detail(view, today_local())
            if self.lex_sarah is not None:
                from bot.handlers.lex_sarah_bridge import enrich_detail
                from bot.lex_sarah.triage_service import TriageService

                message = enrich_detail(message, actor, view.report, TriageService(self.service.db, self.settings),
                                        self.lex_sarah)
            return Reply(message=message)
        if action_id == msg.A_START:
            report = self.service.start_investigation(actor, value, channel=channel)
            return Reply(form=forms.investigation_form(report),
                         message=Message(text=t.STARTED_TEXT.format(number=report.number)))
        if action_id == msg.A_INVESTIGATE:
            report = self.service.report_for_form(actor, value, audit_view=True, channel=channel)
            return Reply(form=forms.investigation_form(report))
        if action_id == msg.A_MEASURE:
            return Reply(form=forms.measure_form(self.service.report_for_form(actor, value, audit_view=True,
                                                                              channel=channel)))
        if action_id == msg.A_HANDOVER:
            report = self.service.report_for_form(actor, value, need_investigator=False, purpose="handover",
                                                  audit_view=True, channel=channel)
            return Reply(form=forms.handover_form(report))
        if action_id == msg.A_REOPEN:
            report = self.service.report_for_form(actor, value, need_investigator=False, purpose="reopen",
                                                  audit_view=True, channel=channel)
            return Reply(form=forms.reopen_form(report))
        if action_id in (msg.A_FOLLOW_UP_DONE, msg.A_FOLLOW_UP_SNOOZE, msg.A_FOLLOW_UP_PASS):
            try:
                follow_up_id = int(value)
            except ValueError as exc:
                raise UserError("Ogiltig uppföljning.") from exc
            if action_id == msg.A_FOLLOW_UP_DONE:
                report = self.follow_ups.complete(actor, follow_up_id, channel=channel)
                return Reply(message=Message(text=t.FOLLOW_UP_DONE.format(number=report.number)))
            if action_id == msg.A_FOLLOW_UP_SNOOZE:
                day = self.follow_ups.snooze(actor, follow_up_id, channel=channel)
                return Reply(message=Message(text=t.FOLLOW_UP_SNOOZED.format(date=iso_and_swedish(day))))
            self.follow_ups.check_can_pass_on(actor, follow_up_id, channel=channel)  # before asking
            return Reply(form=forms.follow_up_pass_form(follow_up_id))
        raise UserError(UNKNOWN_COMMAND)

    # --- forms ------------------------------------------------------------------------------------

    def submit(
        self, actor: Person, form_id: str, context: Mapping[str, str], values: Mapping[str, str | None],
        *, submission_key: str, channel: str,
    ) -> FormResult:
        today = today_local()
        if form_id == forms.FORM_NEW:
            form = self.new_form(actor)
            data, errors = forms.parse_new_report(form, values, today)
            if data is None:
                return FormResult(errors=errors)
            filed = self.service.file(actor, data, submission_key=submission_key, channel=channel)
            if self.lex_sarah is not None and filed.created:
                from bot.handlers.lex_sarah_bridge import triage_after_filing
                from bot.lex_sarah.triage_service import TriageService

                triage_after_filing(TriageService(self.service.db, self.settings), actor, values,
                                    avvikelse=filed.report.number, unit_code=data.unit_code, channel=channel)
            return FormResult(message=filed.receipt)
        if form_id == forms.FORM_FOLLOW_UP_PASS:
            clean, errors = forms.validate_form(forms.follow_up_pass_form(0), values)
            if errors:
                return FormResult(errors=errors)
            try:
                follow_up_id = int(context.get("follow_up", ""))
            except ValueError as exc:
                raise UserError("Ogiltig uppföljning.") from exc
            who = self.follow_ups.pass_on(actor, follow_up_id, clean["to"] or "", channel=channel)
            return FormResult(message=Message(text=t.FOLLOW_UP_PASSED.format(who=who.name)))
        number = context.get("number", "")
        if form_id == forms.FORM_INVESTIGATION:
            report = self.service.report_for_form(actor, number)
            inv, errors = forms.parse_investigation(forms.investigation_form(report), values, today)
            if inv is None:
                return FormResult(errors=errors)
            if inv.close and self.service.measure_count(number) == 0:
                # Closing without a measure: keep the draft and ask first.
                saved = self.service.save_investigation(actor, number, replace(inv, close=False), channel=channel)
                return FormResult(message=Message(text=t.DRAFT_SAVED.format(number=saved.number)),
                                  next_form=forms.confirm_close_form(saved))
            saved = self.service.save_investigation(actor, number, inv, channel=channel)
            text = (t.CLOSED_TEXT if inv.close else t.DRAFT_SAVED).format(number=saved.number)
            return FormResult(message=Message(text=text),
                              next_form=forms.measure_form(saved) if inv.add_measure else None)
        if form_id == forms.FORM_CONFIRM_CLOSE:
            report = self.service.report_for_form(actor, number)
            clean, errors = forms.validate_form(forms.confirm_close_form(report), values)
            if errors:
                return FormResult(errors=errors)
            if clean["answer"] == "atgard":
                return FormResult(next_form=forms.measure_form(report))
            if clean["answer"] != "avsluta":
                return FormResult(message=Message(text=t.DRAFT_SAVED.format(number=report.number)))
            closed = self.service.save_investigation(actor, number, forms.stored_investigation(report, close=True),
                                                     channel=channel)
            return FormResult(message=Message(text=t.CLOSED_TEXT.format(number=closed.number)))
        if form_id == forms.FORM_MEASURE:
            report = self.service.report_for_form(actor, number)
            measure, errors = forms.parse_measure(forms.measure_form(report), values, today)
            if measure is None:
                return FormResult(errors=errors)
            added, who = self.service.add_measure(actor, number, measure, channel=channel)
            return FormResult(message=Message(text=t.MEASURE_ADDED.format(
                number=report.number, who=who.name, due=iso_and_swedish(added.due_date))))
        if form_id == forms.FORM_HANDOVER:
            report = self.service.report_for_form(actor, number, need_investigator=False)
            clean, errors = forms.validate_form(forms.handover_form(report), values)
            if errors:
                return FormResult(errors=errors)
            new = self.service.hand_over(actor, number, clean["to"] or "", clean["reason"] or "", channel=channel)
            return FormResult(message=Message(text=t.HANDED_OVER_DONE.format(number=report.number, who=new.name)))
        if form_id == forms.FORM_REOPEN:
            report = self.service.report_for_form(actor, number, need_investigator=False)
            clean, errors = forms.validate_form(forms.reopen_form(report), values)
            if errors:
                return FormResult(errors=errors)
            self.service.reopen(actor, number, clean["reason"] or "", channel=channel)
            return FormResult(message=Message(text=t.REOPENED_TEXT.format(number=report.number)))
        raise UserError(UNKNOWN_COMMAND)
