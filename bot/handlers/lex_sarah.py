"""Lex Sarah as chat flows: `/lexsarah …`, its buttons and forms."""

from __future__ import annotations

from collections.abc import Mapping

from bot.chat.subcommands import common_reply
from bot.clock import today_local
from bot.config import Settings
from bot.errors import UserError
from bot.lex_sarah import forms
from bot.lex_sarah import messages as msg
from bot.lex_sarah import texts as t
from bot.lex_sarah.service import LexSarahService
from bot.org.directory import active_units
from bot.ui.model import FormResult, Message, Reply, iso_and_swedish
from bot.ui.texts import UNKNOWN_COMMAND
from bot.ui.validation import parse_date, validate_form
from storage.models import Person

SUBCOMMANDS = {"lista": "list", "list": "list", "visa": "show", "hjälp": "help", "hjalp": "help", "help": "help"}


class LexSarahFlows:
    command_name = "lexsarah"
    action_prefix = "lexsarah:"
    form_prefix = "lexsarah_"

    def __init__(self, service: LexSarahService, settings: Settings) -> None:
        self.service = service
        self.settings = settings

    def new_form(self, actor: Person) -> forms.Form:
        with self.service.db.read() as session:
            units = active_units(session)
        return forms.new_form(units, next((u for u in units if u.id == actor.unit_id), None))

    def overview(self, actor: Person) -> Message:
        return msg.overview(self.service.overview(actor), today_local())

    def command(self, actor: Person, text: str, channel: str) -> Reply:
        parts = text.strip().split(maxsplit=1)
        if not parts:
            return Reply(form=self.new_form(actor))
        sub = SUBCOMMANDS.get(parts[0].lower())
        common = common_reply(sub, t.HELP, lambda: self.overview(actor))
        if common is not None:
            return common
        if len(parts) < 2:
            raise UserError(t.ERR_BAD_NUMBER)
        return self.action(actor, msg.A_OPEN, parts[1], channel)

    def action(self, actor: Person, action_id: str, value: str, channel: str) -> Reply:
        if action_id == msg.A_NEW:
            return Reply(form=self.new_form(actor))
        if action_id == msg.A_LIST:
            return Reply(message=self.overview(actor))
        if action_id == msg.A_OPEN:
            return Reply(message=msg.detail(self.service.view(actor, value, channel=channel), today_local()))
        if action_id == msg.A_TAKE:
            report = self.service.take(actor, value, channel=channel)
            return Reply(message=Message(text=t.TAKEN.format(number=report.number)),
                         form=forms.investigation_form(report))
        if action_id == msg.A_INVESTIGATE:
            return Reply(form=forms.investigation_form(self.service.for_form(actor, value, channel=channel)))
        if action_id == msg.A_IVO:
            return Reply(form=forms.ivo_form(self.service.for_form(actor, value, channel=channel)))
        if action_id == msg.A_CLOSE:
            report = self.service.close(actor, value, channel=channel)
            return Reply(message=Message(text=t.CLOSED.format(number=report.number)))
        raise UserError(UNKNOWN_COMMAND)

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
        number = context.get("number", "")
        report = self.service.for_form(actor, number, audit_view=False)
        if form_id == forms.FORM_INVESTIGATION:
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
        if form_id == forms.FORM_IVO:
            clean, errors = validate_form(forms.ivo_form(report), values)
            if errors:
                return FormResult(errors=errors)
            sent_on = parse_date(clean["ivo_date"] or "")
            assert sent_on is not None  # validate_form checked the format
            registered = self.service.register_ivo(actor, number, sent_on, channel=channel)
            return FormResult(message=Message(text=t.IVO_REGISTERED.format(
                number=registered.number, date=iso_and_swedish(sent_on))))
        raise UserError(UNKNOWN_COMMAND)
