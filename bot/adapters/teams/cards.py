"""Render the neutral UI model as Adaptive Cards 1.5 (what Teams mobile renders), and read dialog
submissions back into plain values.

Every button is an `Action.Submit` that opens a dialog (`msteams.type = task/fetch`): whatever a button
shows (a form, a report) appears in a dialog for the person who clicked, after the core's permission
check, never as a chat message. Inside a dialog the same button submits the dialog (task/submit); the
adapter treats both alike. Lotsen's own keys in a card's data start with `lotsen_`, so they never
collide with field ids.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.adapters.teams import texts as t
from bot.ui.model import ButtonStyle, FieldKind, Form, FormField, Message, Option

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_ACTIONS = 6  # Teams shows at most six actions on a card

# Keys of Lotsen's data in card actions.
K_ACTION, K_VALUE = "lotsen_action", "lotsen_value"
K_COMMAND, K_TEXT = "lotsen_command", "lotsen_text"
K_FORM, K_CONTEXT, K_KEY, K_DEFINITION = "lotsen_form", "lotsen_context", "lotsen_key", "lotsen_definition"

_BOLD = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])")
_LINK = re.compile(r"<(https?://[^|>\s]+)\|([^>]+)>")


def markdown(text: str) -> str:
    """Slack mrkdwn (`*bold*`, `<url|label>`) in the core's texts → the Markdown subset cards render."""
    return _LINK.sub(r"[\2](\1)", _BOLD.sub(r"**\1**", text))


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body}
    if actions:
        out["actions"] = actions
    return out


def attachment(content: dict[str, Any]) -> dict[str, Any]:
    return {"contentType": CONTENT_TYPE, "content": content}


def _text(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": markdown(text), "wrap": True, **extra}


def _dialog_button(title: str, data: dict[str, Any], style: ButtonStyle = ButtonStyle.DEFAULT) -> dict[str, Any]:
    action: dict[str, Any] = {"type": "Action.Submit", "title": title[:100],
                              "data": {"msteams": {"type": "task/fetch"}, **data}}
    if style is ButtonStyle.PRIMARY:
        action["style"] = "positive"
    elif style is ButtonStyle.DANGER:
        action["style"] = "destructive"
    return action


# --- messages ----------------------------------------------------------------------------------------


def message_card(message: Message) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if message.header:
        body.append(_text(message.header, size="Large", weight="Bolder"))
    # The plain text is Slack's notification fallback; a card has none, so it shows whenever the
    # sections do not already say it.
    if message.text and message.text != message.header and (
            not message.sections or (not message.header and message.text not in message.sections)):
        body.append(_text(message.text))
    body += [_text(section) for section in message.sections]
    if message.facts:
        body.append({"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in message.facts]})
    if message.context:
        body += [_text(c, isSubtle=True, size="Small") for c in message.context]
    if not body:
        body.append(_text(" "))
    actions = [_dialog_button(b.label, {K_ACTION: b.action_id, K_VALUE: b.value}, b.style)
               for b in message.buttons[:MAX_ACTIONS]]
    return card(body, actions)


def messages_card(messages: list[Message]) -> dict[str, Any]:
    """Several messages in one card (the overview Slack shows in App Home), each with its own buttons."""
    body: list[dict[str, Any]] = []
    for message in messages:
        single = message_card(message)
        body += single["body"]
        if single.get("actions"):
            body.append({"type": "ActionSet", "actions": single["actions"]})
    return card(body)


def launcher_card(text: str, button: str, command: str, argument: str) -> dict[str, Any]:
    """A chat message without content: one button that runs the command again in a dialog."""
    return card([_text(text)], [_dialog_button(button, {K_COMMAND: command, K_TEXT: argument},
                                               ButtonStyle.PRIMARY)])


# --- forms -------------------------------------------------------------------------------------------


SUBMISSION_KEY = re.compile(r"teams:dialog:[0-9a-f]{32}")


def new_submission_key() -> str:
    """One per dialog opened: submitting the same dialog twice stores once (the core's processed keys)."""
    return f"teams:dialog:{uuid.uuid4().hex}"


def _input(f: FormField, value: str | None) -> dict[str, Any]:
    common: dict[str, Any] = {"id": f.id, "label": f.label, "isRequired": f.required,
                              "errorMessage": t.FIELD_REQUIRED if f.required else None}
    common = {k: v for k, v in common.items() if v is not None}
    if f.kind is FieldKind.CHOICE or (f.kind is FieldKind.USER and f.options):  # a person among those listed
        out: dict[str, Any] = {"type": "Input.ChoiceSet", "style": "compact",
                               "choices": [{"title": o.label, "value": o.value} for o in f.options], **common}
    elif f.kind is FieldKind.DATE:
        out = {"type": "Input.Date", **common}
    elif f.kind is FieldKind.USER:
        # Teams' people picker: the value is the person's Azure AD object id, mapped to Lotsen's person
        # by the adapter before the core sees it.
        out = {"type": "Input.ChoiceSet", "choices": [], "isMultiSelect": False, **common,
               "choices.data": {"type": "Data.Query", "dataset": "graph.microsoft.com/users"}}
    else:
        out = {"type": "Input.Text", "isMultiline": f.kind is FieldKind.LONG_TEXT, **common}
        if f.max_length:
            out["maxLength"] = f.max_length
        if f.placeholder:
            out["placeholder"] = f.placeholder
    if value:
        out["value"] = value
    return out


def form_card(form: Form, *, key: str, values: Mapping[str, str | None] | None = None,
              errors: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The dialog for a form. `values` re-fill it after errors, which appear under their fields."""
    values = values or {}
    errors = errors or {}
    body: list[dict[str, Any]] = []
    if errors:
        body.append(_text(t.FORM_HAS_ERRORS, color="Attention", weight="Bolder"))
    if form.intro:
        body.append(_text(form.intro))
    for f in form.fields:
        body.append(_input(f, values.get(f.id) if f.id in values else f.initial))
        if f.hint:
            body.append(_text(f.hint, isSubtle=True, size="Small", spacing="None"))
        if f.id in errors:
            body.append(_text(errors[f.id], color="Attention", size="Small", spacing="None"))
    data = {K_FORM: form.id, K_CONTEXT: json.dumps(form.context, ensure_ascii=False), K_KEY: key,
            K_DEFINITION: form_to_json(form)}
    return card(body, [{"type": "Action.Submit", "title": form.submit_label[:100], "style": "positive",
                        "data": data}])


def form_to_json(form: Form) -> str:
    """The form travels in the card (stateless across instances) only to be drawn again after errors;
    validation always uses the form the core builds."""
    return json.dumps({
        "id": form.id, "title": form.title, "submit": form.submit_label, "intro": form.intro,
        "fields": [{"id": f.id, "label": f.label, "kind": f.kind.value, "required": f.required,
                    "max_length": f.max_length, "options": [[o.value, o.label] for o in f.options],
                    "hint": f.hint, "placeholder": f.placeholder} for f in form.fields],
    }, ensure_ascii=False)


def form_from_json(raw: str, context: dict[str, str]) -> Form | None:
    try:
        d = json.loads(raw)
        fields = tuple(
            FormField(id=str(f["id"]), label=str(f["label"]), kind=FieldKind(f["kind"]),
                      required=bool(f["required"]), max_length=f.get("max_length"),
                      options=tuple(Option(str(v), str(label)) for v, label in f.get("options", [])),
                      hint=f.get("hint"), placeholder=f.get("placeholder"))
            for f in d["fields"])
        return Form(id=str(d["id"]), title=str(d["title"]), submit_label=str(d["submit"]), fields=fields,
                    context=context, intro=d.get("intro"))
    except (ValueError, KeyError, TypeError):
        return None


def submitted_values(form_fields: list[str], data: Mapping[str, Any]) -> dict[str, str | None]:
    """The inputs of a submitted dialog: every key that is not Lotsen's own or Teams'."""
    out: dict[str, str | None] = {}
    for key, value in data.items():
        if key.startswith("lotsen_") or key == "msteams":
            continue
        out[key] = None if value is None else str(value)
    for key in form_fields:
        out.setdefault(key, None)
    return out


def context_of(data: Mapping[str, Any]) -> dict[str, str]:
    try:
        raw = json.loads(str(data.get(K_CONTEXT) or "{}"))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def refill(form: Form, values: Mapping[str, str | None]) -> Form:
    """The same form with what the person typed as initial values."""
    return replace(form, fields=tuple(replace(f, initial=values.get(f.id) or f.initial) for f in form.fields))


# --- dialog responses (task module) ------------------------------------------------------------------


def dialog(title: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"task": {"type": "continue", "value": {"title": title[:64], "card": attachment(content)}}}


def dialog_message(text: str) -> dict[str, Any]:
    """Close the dialog with a short notice (no content: Teams shows it as a toast)."""
    return {"task": {"type": "message", "value": text}}
