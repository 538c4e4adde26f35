"""One entry point for every front end: commands, button actions, form submissions, the home view.

Adapters resolve the platform user to a `Person` and call these methods; features register by
command name, action-id prefix and form-id prefix. User errors come back as replies or field errors;
unexpected errors are logged with an id the user can quote, and nothing is half-stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Protocol

from bot.chat.small_talk import small_talk_reply
from bot.errors import INTERNAL_ERROR, UserError, incident_id
from bot.ui.model import Button, ButtonStyle, FieldKind, Form, FormResult, Message, Option, Reply
from bot.ui.texts import UNKNOWN_COMMAND
from storage.models import Person

log = logging.getLogger(__name__)

GENERAL_HELP = """Lotsen hjälper dig med avvikelser, frister och rutiner.
  /avvikelse          rapportera en avvikelse
  /avvikelse lista    dina avvikelser, utredningar och uppföljningar
  /avvikelse hjälp    alla kommandon för avvikelser
  /lexsarah           rapportera ett missförhållande eller en påtaglig risk (lex Sarah)
  /frist              registrera en frist i ett ärende
  /frist lista        dina frister (och teamets för teamledare)
  /frist hjälp        alla kommandon för frister
  /rutin <fråga>      vilken rutin gäller? (du kan också skriva frågan direkt)
  /statistik          nyckeltal för dina enheter (chefer och kvalitetsenheten)
Skriv aldrig namn eller personnummer på en enskild i chatten."""


HOME_INTRO = (
    "Rapportera en avvikelse, registrera en frist, eller fråga vilken rutin som gäller genom att skriva "
    "till Lotsen under Meddelanden. Skriv aldrig namn eller personnummer på en enskild."
)


class Feature(Protocol):
    command_name: str
    action_prefix: str
    form_prefix: str

    def command(self, actor: Person, text: str, channel: str) -> Reply: ...

    def action(self, actor: Person, action_id: str, value: str, channel: str) -> Reply: ...

    def submit(
        self, actor: Person, form_id: str, context: Mapping[str, str], values: Mapping[str, str | None],
        *, submission_key: str, channel: str,
    ) -> FormResult: ...


def _internal_error(where: str) -> str:
    ref = incident_id()
    log.exception("unhandled error in %s", where, extra={"incident": ref})
    return INTERNAL_ERROR.format(ref=ref)


class Chat:
    def __init__(self, features: list[Feature],
                 people_choices: Callable[[tuple[str, ...]], tuple[Option, ...]] | None = None) -> None:
        self.features = features
        self.by_command = {f.command_name: f for f in features}
        self._people_choices = people_choices

    def _with_people(self, form: Form | None) -> Form | None:
        """A person field that only some roles may hold lists exactly those people (when few enough
        to pick from), so nobody is offered a colleague the core would refuse."""
        if form is None or self._people_choices is None:
            return form
        fields = tuple(
            replace(f, options=self._people_choices(f.roles)) if f.kind is FieldKind.USER and f.roles and not f.options
            else f for f in form.fields)
        return replace(form, fields=fields)

    def _reply(self, reply: Reply) -> Reply:
        return replace(reply, form=self._with_people(reply.form)) if reply.form is not None else reply

    def _feature_for(self, attr: str, ident: str) -> Feature | None:
        return next((f for f in self.features if ident.startswith(getattr(f, attr))), None)

    def command(self, actor: Person, command: str, text: str, *, channel: str) -> Reply:
        name = command.lstrip("/").strip().lower()
        if name in ("hjälp", "hjalp", "help", "lotsen"):
            return Reply(message=Message(text=GENERAL_HELP))
        feature = self.by_command.get(name)
        if feature is None:
            return Reply(message=Message(text=f"{UNKNOWN_COMMAND}\n\n{GENERAL_HELP}"))
        try:
            return self._reply(feature.command(actor, text, channel))
        except UserError as exc:
            return Reply(message=Message(text=exc.message))
        except Exception:
            return Reply(message=Message(text=_internal_error(f"command {name}")))

    def free_text(self, actor: Person, text: str, *, channel: str) -> Reply:
        """A direct message or mention: a slash command if it looks like one, else a routine question."""
        text = text.strip()
        if text.startswith("/"):
            name, _, rest = text.partition(" ")
            return self.command(actor, name, rest, channel=channel)
        if text.lower() in ("hjälp", "hjalp", "help"):
            return Reply(message=Message(text=GENERAL_HELP))
        reply = small_talk_reply(text)
        if reply is not None:
            return Reply(message=Message(text=reply))
        return self.command(actor, "rutin", text, channel=channel)

    def action(self, actor: Person, action_id: str, value: str, *, channel: str) -> Reply:
        feature = self._feature_for("action_prefix", action_id)
        if feature is None:
            return Reply(message=Message(text=UNKNOWN_COMMAND))
        try:
            return self._reply(feature.action(actor, action_id, value, channel))
        except UserError as exc:
            return Reply(message=Message(text=exc.message))
        except Exception:
            return Reply(message=Message(text=_internal_error(f"action {action_id}")))

    def submit(
        self, actor: Person, form_id: str, context: Mapping[str, str], values: Mapping[str, str | None],
        *, submission_key: str, channel: str, form: Form | None = None,
    ) -> FormResult:
        feature = self._feature_for("form_prefix", form_id)
        if feature is None:
            return FormResult(message=Message(text=UNKNOWN_COMMAND))
        try:
            result = feature.submit(actor, form_id, context, values, submission_key=submission_key, channel=channel)
            if result.next_form is not None:
                result = replace(result, next_form=self._with_people(result.next_form))
            return result
        except UserError as exc:
            if exc.field and exc.field in values:
                return FormResult(errors={exc.field: exc.message})
            return FormResult(message=Message(text=exc.message))
        except Exception:
            return FormResult(message=Message(text=_internal_error(f"form {form_id}")))

    def home(self, actor: Person) -> list[Message]:
        """What the App Home tab shows: quick actions, then each feature's overview for this person."""
        out: list[Message] = [Message(
            text=HOME_INTRO, header="Lotsen", sections=(HOME_INTRO,),
            buttons=(Button("Rapportera avvikelse", "avvikelse:new", "-", ButtonStyle.PRIMARY),
                     Button("Rapportera lex Sarah", "lexsarah:new", "-"),
                     Button("Registrera frist", "frist:new", "-")),
        )]
        for feature in self.features:
            overview = getattr(feature, "overview", None)
            if overview is not None:
                try:
                    out.append(overview(actor))
                except UserError as exc:
                    out.append(Message(text=exc.message))
        return out
