""""Vilken rutin gäller?" in chat: `/rutin <fråga>`, direct messages and mentions, with feedback buttons."""

from __future__ import annotations

import json
from collections.abc import Mapping

from bot.errors import UserError
from bot.privacy.guard import identity_number_errors
from bot.rutiner import messages as msg
from bot.rutiner.service import RoutineCatalogue
from bot.ui.model import FormResult, Message, Reply
from bot.ui.texts import UNKNOWN_COMMAND
from storage.models import Person

HELP = """Rutiner i Lotsen:
  /rutin <fråga>     t.ex. /rutin hur rapporterar jag en avvikelse
Du kan också skriva frågan direkt till Lotsen. Svaret visar rutinen, avsnittet och källan."""
PNR_IN_QUESTION = (
    "Frågan ser ut att innehålla ett personnummer eller samordningsnummer. Ställ frågan utan uppgifter "
    "om den enskilde; Lotsen har inte sökt och inte sparat något."
)
THANKS = "Tack! Återkopplingen hjälper kvalitetsenheten att förbättra rutinerna."
MAX_VALUE = 1500  # the question travels in the button value (Slack allows 2,000 characters)


class RutinFlows:
    command_name = "rutin"
    action_prefix = "rutin:"
    form_prefix = "rutin_"

    def __init__(self, catalogue: RoutineCatalogue) -> None:
        self.catalogue = catalogue

    def ask(self, actor: Person, question: str) -> Message:
        question = question.strip()
        if not question or question.lower() in ("hjälp", "hjalp", "help"):
            return Message(text=HELP)
        if identity_number_errors({"q": question}):
            return Message(text=PNR_IN_QUESTION)
        result = self.catalogue.search(question, limit=3)
        return msg.answer(result, json.dumps({"q": question[:MAX_VALUE]}, ensure_ascii=False))

    def command(self, actor: Person, text: str, channel: str) -> Reply:
        return Reply(message=self.ask(actor, text))

    def action(self, actor: Person, action_id: str, value: str, channel: str) -> Reply:
        token, _, document = value.partition("|") if action_id != msg.A_MORE else (value, "", "")
        try:
            question = str(json.loads(token)["q"])
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError("Knappen hör till ett äldre svar; ställ frågan igen.") from exc
        if action_id in (msg.A_UP, msg.A_DOWN):
            result = self.catalogue.search(question, limit=1)
            section = result.hits[0].section if result.hits and result.hits[0].document == document else None
            self.catalogue.record_feedback(question, document, section, action_id == msg.A_UP, actor.key)
            if action_id == msg.A_DOWN:  # 👎 is stored; the form only adds which routine it should have been
                return Reply(form=msg.suggestion_form(token, document))
            return Reply(message=Message(text=THANKS))
        if action_id == msg.A_MORE:
            result = self.catalogue.search(question, limit=3)
            if not result.more:
                return Reply(message=Message(text="Det finns inga fler träffar."))
            sections = tuple(msg.hit_text(n, h) for n, h in enumerate(result.more[:3], start=4))
            return Reply(message=Message(text="Fler träffar", header="Fler träffar", sections=sections))
        raise UserError(UNKNOWN_COMMAND)

    def submit(
        self, actor: Person, form_id: str, context: Mapping[str, str], values: Mapping[str, str | None],
        *, submission_key: str, channel: str,
    ) -> FormResult:
        if form_id != msg.FORM_SUGGEST:
            raise UserError(UNKNOWN_COMMAND)
        suggested = (values.get("suggested") or "").strip()
        if suggested and identity_number_errors({"s": suggested}):
            return FormResult(errors={"suggested": msg.SUGGEST_PNR})
        try:
            question = str(json.loads(context.get("token", ""))["q"])
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError("Formuläret hör till ett äldre svar; ställ frågan igen.") from exc
        if suggested:
            self.catalogue.add_suggestion(question, context.get("document", ""), suggested, actor.key)
        return FormResult(message=Message(text=THANKS))
