"""The frist feature as chat flows: `/frist …`, its buttons and forms."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.chat.subcommands import common_reply
from bot.clock import today_local
from bot.config import Settings
from bot.deadlines.calculator import InvalidStart, compute
from bot.deadlines.rules import UnknownKind
from bot.errors import UserError
from bot.frist import forms
from bot.frist import messages as msg
from bot.frist import texts as t
from bot.frist.service import FristService, RegisterInput, parse_label
from bot.ui.model import FormResult, Message, Reply, iso_and_swedish
from bot.ui.texts import UNKNOWN_COMMAND
from bot.ui.validation import date_error, day_word, parse_date, validate_form
from storage.models import Person, Role

SUBCOMMANDS = {"lista": "list", "list": "list", "visa": "show", "beräkna": "calc", "berakna": "calc",
               "typer": "kinds", "hjälp": "help", "hjalp": "help", "help": "help"}


class FristFlows:
    command_name = "frist"
    action_prefix = "frist:"
    form_prefix = "frist_"

    def __init__(self, service: FristService, settings: Settings) -> None:
        self.service = service
        self.settings = settings

    def command(self, actor: Person, text: str, channel: str) -> Reply:
        parts = text.strip().split()
        if not parts:
            return Reply(form=forms.new_form())
        sub = SUBCOMMANDS.get(parts[0].lower())
        common = common_reply(sub, t.HELP, lambda: self.overview(actor))
        if common is not None:
            return common
        if sub == "kinds":
            return Reply(message=msg.kinds())
        if sub == "calc":
            if len(parts) != 3:
                raise UserError(t.CALC_USAGE)
            named = day_word(parts[2], today_local())
            start = named if named and named <= today_local() else (
                None if date_error(parts[2]) else parse_date(parts[2]))
            if start is None:
                raise UserError(date_error(parts[2]) or t.CALC_USAGE)
            try:
                return Reply(message=msg.computed(compute(parts[1], start)))
            except (UnknownKind, InvalidStart) as exc:
                raise UserError(exc.message) from exc
        if len(parts) < 2:
            raise UserError(t.ERR_BAD_LABEL)
        return self.action(actor, msg.A_OPEN, parts[1], channel)

    def overview(self, actor: Person) -> Message:
        from dataclasses import replace

        from bot.reminders.status import undelivered_for
        from bot.reminders.texts import HOME_UNDELIVERED

        overview = msg.lists(self.service.lists(actor), today_local())
        missed = undelivered_for(self.service.db, actor.id)  # App Home shows what never reached the chat
        if not missed:
            return overview
        return replace(overview, sections=(*overview.sections,
                                           "\n".join([HOME_UNDELIVERED.format(n=len(missed)), *missed])))

    def action(self, actor: Person, action_id: str, value: str, channel: str) -> Reply:
        if action_id == msg.A_NEW:
            return Reply(form=forms.new_form())
        if action_id == msg.A_LIST:
            return Reply(message=self.overview(actor))
        ident = parse_label(value)
        view = self.service.view(actor, ident, channel=channel)
        if action_id == msg.A_OPEN:
            return Reply(message=msg.detail(view, today_local()))
        if not view.can_change:
            raise UserError(t.ERR_CLOSED.format(label=view.deadline.label))
        if action_id == msg.A_DECIDE:
            return Reply(form=forms.decide_form(view.deadline, teamledare=actor.has_role(Role.TEAMLEDARE)))
        if action_id == msg.A_EXTEND:
            return Reply(form=forms.extend_form(view.deadline))
        if action_id == msg.A_CLOSE:
            return Reply(form=forms.close_form(view.deadline))
        if action_id == msg.A_REASSIGN:
            self.service.check_can_reassign(actor, ident, channel=channel)  # refused before the form asks
            return Reply(form=forms.reassign_form(view.deadline))
        raise UserError(UNKNOWN_COMMAND)

    def submit(
        self, actor: Person, form_id: str, context: Mapping[str, str], values: Mapping[str, str | None],
        *, submission_key: str, channel: str,
    ) -> FormResult:
        if form_id == forms.FORM_NEW:
            clean, errors = validate_form(forms.new_form(), values)
            if errors:
                return FormResult(errors=errors)
            deadline = self.service.register(actor, RegisterInput(
                case_ref=clean["case_ref"] or "", kind=clean["kind"] or "",
                trigger_date=_date(clean["trigger_date"]), handlaggare_ref=clean.get("handlaggare")), channel=channel)
            return FormResult(message=Message(
                text=t.REGISTERED.format(label=deadline.label, kind=msg.kind_name(deadline.kind),
                                         case=deadline.case_ref, due=iso_and_swedish(deadline.due_date)),
                sections=(deadline.explanation,)))
        ident = parse_label(context.get("id", ""))
        view = self.service.view(actor, ident, channel=channel)
        d = view.deadline
        if form_id == forms.FORM_DECIDE:
            clean, errors = validate_form(forms.decide_form(d, teamledare=True), values)
            if errors:
                return FormResult(errors=errors)
            closed, follow = self.service.decide_forhandsbedomning(
                actor, ident, clean["decision"] or "", _date(clean["decided_on"]), channel=channel)
            if follow is not None:
                text = t.DECIDED_OPEN.format(label=closed.label, new=follow.label,
                                             due=iso_and_swedish(follow.due_date))
                return FormResult(message=Message(text=text, sections=(text, follow.explanation)))
            return FormResult(message=Message(text=t.DECIDED_NOT_OPEN.format(label=closed.label)))
        if form_id == forms.FORM_EXTEND:
            clean, errors = validate_form(forms.extend_form(d), values)
            if errors:
                return FormResult(errors=errors)
            extended = self.service.extend(actor, ident, _date(clean["new_due"]), clean["reason"] or "",
                                           clean.get("decided_by"), channel=channel)
            return FormResult(message=Message(text=t.EXTENDED.format(label=extended.label,
                                                                     due=iso_and_swedish(extended.due_date))))
        if form_id == forms.FORM_CLOSE:
            closed = self.service.close(actor, ident, channel=channel)
            return FormResult(message=Message(text=t.CLOSED.format(label=closed.label)))
        if form_id == forms.FORM_REASSIGN:
            clean, errors = validate_form(forms.reassign_form(d), values)
            if errors:
                return FormResult(errors=errors)
            moved, who = self.service.reassign(actor, ident, clean["to"] or "", channel=channel)
            return FormResult(message=Message(text=t.REASSIGNED.format(label=moved.label, who=who.name)))
        raise UserError(UNKNOWN_COMMAND)


def _date(raw: str | None) -> date:
    parsed = parse_date(raw or "")
    if parsed is None:  # validate_form already refused it; this keeps the types honest
        raise UserError("Ogiltigt datum.")
    return parsed
