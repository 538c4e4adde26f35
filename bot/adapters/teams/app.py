"""The Teams front end: activities → the same `bot.chat.Chat` calls as Slack, replies → Adaptive Cards.

* A message (1:1 chat, or an @mention in a channel) is a command typed as text (`avvikelse lista`,
  `/frist`) or a routine question. Routine answers and help go into the chat as cards; every other
  command is answered by a card with one button that opens a dialog: what a command shows (a form,
  a list, a report) appears only in a dialog for the person who clicked, after the core's permission
  check, never in the chat's history.
* Dialogs (task modules): task/fetch runs a command or a button's action; task/submit submits a form
  (errors come back in the same dialog, nothing stored), or runs a button inside a dialog.
* A middleware refuses other tenants and remembers each person's 1:1 conversation (install, first
  contact) for proactive reminders.

The SDK is async; the core is sync and runs in worker threads (`asyncio.to_thread`). Replies use
`ctx.send`, never `ctx.reply` (which would quote the user's message, case content included).
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Mapping
from typing import Any

from bot.adapters.teams import cards
from bot.adapters.teams import texts as t
from bot.adapters.teams.identity import (
    ConversationRef,
    forget_conversation,
    link_by_email,
    person_by_teams_id,
    remember_conversation,
    resolve_teams_user,
)
from bot.adapters.teams.sdk import ActivityContext, App, Attachment, MessageActivityInput
from bot.app import Lotsen
from bot.chat.router import GENERAL_HELP
from bot.errors import INTERNAL_ERROR, UserError, incident_id
from bot.ui.model import FieldKind, Form, FormResult, Message, Reply
from bot.ui.texts import DUPLICATE_SUBMISSION

log = logging.getLogger(__name__)
CHANNEL = "teams"
MENTION = re.compile(r"<at>[^<]*</at>", re.IGNORECASE)
TAG = re.compile(r"<[^>]{1,200}>")


def typed_text(raw: str | None) -> str:
    """What the person typed: @mentions of the bot removed; Teams' occasional HTML (<p>, &nbsp;) flattened."""
    text = MENTION.sub(" ", raw or "")
    return " ".join(html.unescape(TAG.sub(" ", text)).split())
HELP_WORDS = ("hjälp", "hjalp", "help", "lotsen")
# What Slack shows in App Home (quick actions and each feature's overview) opens from these words.
HOME_COMMAND = "hem"
HOME_WORDS = (HOME_COMMAND, "start", "översikt", "oversikt")
# Commands whose answers carry no case content and may stand in a chat (routine answers cite documents).
CHAT_SAFE_COMMANDS = ("rutin",)


def _get(obj: Any, *path: str) -> Any:
    for name in path:
        if obj is None:
            return None
        obj = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
    return obj


def activity_tenants(activity: Any) -> set[str]:
    found = {_get(activity, "conversation", "tenant_id"), _get(activity, "channel_data", "tenant", "id")}
    return {str(x) for x in found if x}


def _invoke_data(activity: Any) -> dict[str, Any]:
    data = _get(activity, "value", "data")
    return dict(data) if isinstance(data, Mapping) else {}


def _ok(body: dict[str, Any]) -> dict[str, Any]:
    return {"status": 200, "body": body}


def _internal_error(where: str) -> Message:
    """Something Lotsen did not expect (the router already catches the features' own errors): the person
    gets an id to quote, the log the traceback, never the person."""
    ref = incident_id()
    log.exception("unhandled error in teams %s", where, extra={"incident": ref})
    return Message(text=INTERNAL_ERROR.format(ref=ref))


class TeamsFrontEnd:
    """Registers Lotsen's handlers on an SDK `App`; every method below the handlers is sync core work."""

    def __init__(self, lotsen: Lotsen, app: App, *, tenant_id: str) -> None:
        self.lotsen = lotsen
        self.app = app
        self.tenant_id = tenant_id
        self.feature_commands = tuple(n for n in lotsen.chat.by_command if n not in CHAT_SAFE_COMMANDS)
        self._register()

    # --- SDK handlers (async, thin) ------------------------------------------------------------------

    def _register(self) -> None:
        app = self.app

        async def guard(ctx: ActivityContext[Any]) -> Any:
            activity = ctx.activity
            tenants = activity_tenants(activity)
            if tenants != {self.tenant_id}:
                # The SDK checks the token, not the organisation: another tenant's users are refused here.
                log.warning("teams activity from another tenant refused", extra={"type": activity.type})
                return {"status": 403, "body": {"error": t.OTHER_TENANT}}
            ref = self._reference(activity)
            if ref is not None and activity.type == "installationUpdate" and \
                    str(getattr(activity, "action", "")).startswith("remove"):
                await asyncio.to_thread(forget_conversation, self.lotsen.db, ref.aad_object_id)
            elif ref is not None:
                await asyncio.to_thread(remember_conversation, self.lotsen.db, ref)
            await self._link_unknown_by_email(ctx)
            await ctx.next()
            return None

        app.use(guard)

        async def on_message(ctx: ActivityContext[Any]) -> None:
            activity = ctx.activity
            text = typed_text(activity.text)
            if not text:
                return  # an Action.Submit from an old card, or an empty mention
            aad = _get(activity, "from_", "aad_object_id")
            try:
                card = await asyncio.to_thread(self.answer_text, aad, text)
            except Exception:
                card = cards.message_card(_internal_error("message"))
            await ctx.send(MessageActivityInput(text="").add_attachments(*self._attachments(card)))

        app.on_message(on_message)

        async def on_dialog_open(ctx: ActivityContext[Any]) -> Any:
            aad = _get(ctx.activity, "from_", "aad_object_id")
            try:
                return _ok(await asyncio.to_thread(self.open_dialog, aad, _invoke_data(ctx.activity)))
            except Exception:
                return _ok(cards.dialog(t.DIALOG_TITLE, cards.message_card(_internal_error("task/fetch"))))

        async def on_dialog_submit(ctx: ActivityContext[Any]) -> Any:
            aad = _get(ctx.activity, "from_", "aad_object_id")
            try:
                return _ok(await asyncio.to_thread(self.submit_dialog, aad, _invoke_data(ctx.activity)))
            except Exception:
                return _ok(cards.dialog(t.DIALOG_TITLE, cards.message_card(_internal_error("task/submit"))))

        app.on_dialog_open(on_dialog_open)
        app.on_dialog_submit(on_dialog_submit)

    async def _link_unknown_by_email(self, ctx: ActivityContext[Any]) -> None:
        """A Teams user not found by object id: ask Teams for their e-mail (the conversation's member
        record) and match it against the organisation file, like Slack's users.info fallback."""
        activity = ctx.activity
        aad, user_id = _get(activity, "from_", "aad_object_id"), _get(activity, "from_", "id")
        conversation_id = _get(activity, "conversation", "id")
        if activity.type not in ("message", "invoke") or not aad or not user_id or not conversation_id:
            return
        if await asyncio.to_thread(person_by_teams_id, self.lotsen.db, str(aad)) is not None:
            return
        try:
            member = await ctx.api.conversations.get_member_by_id(str(conversation_id), str(user_id))
        except Exception:  # not allowed, or the member is gone: the person stays unknown
            log.info("teams member lookup failed")
            return
        email = member.email or member.user_principal_name
        if email and "@" in email:
            await asyncio.to_thread(link_by_email, self.lotsen.db, str(aad), email)

    def _reference(self, activity: Any) -> ConversationRef | None:
        """The 1:1 conversation of the person writing, if this activity comes from one."""
        aad = _get(activity, "from_", "aad_object_id")
        conversation_id = _get(activity, "conversation", "id")
        if _get(activity, "conversation", "conversation_type") != "personal" or not aad or not conversation_id:
            return None
        return ConversationRef(aad_object_id=str(aad), conversation_id=str(conversation_id),
                               service_url=str(activity.service_url or ""), tenant_id=self.tenant_id,
                               bot_id=str(_get(activity, "recipient", "id") or ""))

    @staticmethod
    def _attachments(card: dict[str, Any]) -> list[Attachment]:
        return [Attachment(content_type=cards.CONTENT_TYPE, content=card)]

    # --- core work (sync, in worker threads) --------------------------------------------------------

    def answer_text(self, aad: str | None, text: str) -> dict[str, Any]:
        """A typed message → the card to post in the chat (never case content)."""
        try:
            actor = resolve_teams_user(self.lotsen.db, aad)
        except UserError as exc:
            return cards.message_card(Message(text=exc.message))
        name, _, rest = text.lstrip("/").partition(" ")
        name, rest = name.strip().lower(), rest.strip()
        if name in HOME_WORDS and not rest:
            return cards.launcher_card(t.LAUNCH_HOME, t.OPEN_HOME, HOME_COMMAND, "")
        if name in self.feature_commands:
            if rest.split(" ", 1)[0].lower() in HELP_WORDS:
                return cards.message_card(self.lotsen.chat.command(actor, name, rest, channel=CHANNEL).message
                                          or Message(text=GENERAL_HELP))
            label = t.OPEN_FORM if not rest else t.OPEN_ANSWER
            intro = t.LAUNCH_FORM if not rest else t.LAUNCH_ANSWER
            return cards.launcher_card(intro, label, name, rest)
        if name in CHAT_SAFE_COMMANDS:
            reply = self.lotsen.chat.command(actor, name, rest, channel=CHANNEL)
        else:
            reply = self.lotsen.chat.free_text(actor, text, channel=CHANNEL)
        return cards.message_card(reply.message or Message(text=GENERAL_HELP))

    def _reply_dialog(self, reply: Reply) -> dict[str, Any]:
        if reply.form is not None:
            return self._form_dialog(reply.form)
        message = reply.message or Message(text=GENERAL_HELP)
        return cards.dialog(message.header or t.DIALOG_TITLE, cards.message_card(message))

    def _form_dialog(self, form: Form, *, key: str | None = None, values: Mapping[str, str | None] | None = None,
                     errors: Mapping[str, str] | None = None) -> dict[str, Any]:
        content = cards.form_card(form, key=key or cards.new_submission_key(), values=values, errors=errors)
        return cards.dialog(form.title, content)

    def open_dialog(self, aad: str | None, data: dict[str, Any]) -> dict[str, Any]:
        """task/fetch: a launcher's command, or a button's action, shown in a dialog."""
        try:
            actor = resolve_teams_user(self.lotsen.db, aad)
        except UserError as exc:
            return cards.dialog(t.DIALOG_TITLE, cards.message_card(Message(text=exc.message)))
        chat = self.lotsen.chat
        if cards.K_ACTION in data:
            reply = chat.action(actor, str(data[cards.K_ACTION]), str(data.get(cards.K_VALUE) or ""),
                                channel=CHANNEL)
        elif data.get(cards.K_COMMAND) == HOME_COMMAND:
            return cards.dialog(t.DIALOG_TITLE, cards.messages_card(chat.home(actor)))
        elif cards.K_COMMAND in data and str(data[cards.K_COMMAND]) in chat.by_command:
            reply = chat.command(actor, str(data[cards.K_COMMAND]), str(data.get(cards.K_TEXT) or ""),
                                 channel=CHANNEL)
        else:
            reply = Reply(message=Message(text=t.DIALOG_UNKNOWN))
        return self._reply_dialog(reply)

    def submit_dialog(self, aad: str | None, data: dict[str, Any]) -> dict[str, Any]:
        """task/submit: a form (field errors come back in the same dialog), or a button inside a dialog."""
        if cards.K_FORM not in data:
            return self.open_dialog(aad, data)
        try:
            actor = resolve_teams_user(self.lotsen.db, aad)
        except UserError as exc:
            return cards.dialog(t.DIALOG_TITLE, cards.message_card(Message(text=exc.message)))
        form_id, key = str(data[cards.K_FORM]), str(data.get(cards.K_KEY) or "")
        if not cards.SUBMISSION_KEY.fullmatch(key):
            return cards.dialog_message(t.DIALOG_UNKNOWN)
        context = cards.context_of(data)
        form = cards.form_from_json(str(data.get(cards.K_DEFINITION) or ""), context)
        field_ids = [f.id for f in form.fields] if form else []
        typed = cards.submitted_values(field_ids, data)
        values = self._people_as_keys(form, typed) if form is not None else typed
        result: FormResult = self.lotsen.chat.submit(actor, form_id, context, values, submission_key=key,
                                                     channel=CHANNEL)
        if result.errors:
            if form is None:
                return cards.dialog(t.DIALOG_TITLE, cards.message_card(
                    Message(text="\n".join(result.errors.values()))))
            return self._form_dialog(form, key=key, values=typed, errors=result.errors)
        if result.next_form is not None:
            return self._form_dialog(result.next_form)
        message = result.message or Message(text=DUPLICATE_SUBMISSION)
        return cards.dialog(message.header or t.DIALOG_TITLE, cards.message_card(message))

    def _people_as_keys(self, form: Form, values: dict[str, str | None]) -> dict[str, str | None]:
        """Teams' people picker gives Azure AD object ids; the core knows people by their Lotsen key."""
        out = dict(values)
        for f in form.fields:
            raw = out.get(f.id)
            if f.kind is FieldKind.USER and raw:
                person = person_by_teams_id(self.lotsen.db, raw)
                if person is not None:
                    out[f.id] = person.key
        return out
