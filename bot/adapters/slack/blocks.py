"""Render the neutral UI model as Slack Block Kit, and read modal state back into plain values.

Rendering builds plain dicts (this runs on every request, before Slack's 3-second ack) and cuts
every text to Slack's limits itself. The tests parse the output with slack_sdk.models and run its
validation, so a limit we forget fails there, not in production.

Every mrkdwn text (and the message's fallback `text`, which Slack also parses) is escaped (&, <, >),
so text a user typed such as <!channel>, <!here>, <@U…>, <#C…|…> or <https://…|…> can neither ping,
mention nor disguise a link. Our own texts use only *bold*, never <…> markup. plain_text stays plain.
A private view (case content) is never posted: `for_history` swaps it for a stand-in with a button.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.ui.model import ButtonStyle, FieldKind, Form, FormField, Message, stand_in

MAX_BLOCKS = 50
PLAIN_TEXT_INPUT_MAX = 3000  # Slack's limit for a plain_text_input
VALUE_ACTION = "value"
CLOSE_LABEL = "Stäng"
CANCEL_LABEL = "Avbryt"
MORE_ROWS = "Fler rader finns; visa resten i Lotsen."


_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Slack's mrkdwn escaping: the three characters that start markup (links, mentions, entities)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut_escaped(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return _PARTIAL_ENTITY.sub("", text[: limit - 1]) + "…"  # never leave half an &amp; behind


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": _cut(text, limit), "emoji": True}


def _mrkdwn(text: str, limit: int = 3000) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": _cut_escaped(escape(text), limit)}


def fallback_text(message: Message) -> str:
    """The top-level `text` of a message (notifications, screen readers): Slack parses it too."""
    return _cut_escaped(escape(message.text), 4000)


def for_history(message: Message) -> Message:
    """What may be posted where the conversation keeps it (channel, thread, DM): never a private view."""
    return stand_in(message)


def message_blocks(message: Message) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if message.header:
        blocks.append({"type": "header", "text": _plain(message.header, 150)})
    elif message.text and message.text not in message.sections:
        blocks.append({"type": "section", "text": _mrkdwn(message.text)})  # no header: the text leads
    for section in message.sections:
        blocks.append({"type": "section", "text": _mrkdwn(section)})
    facts = list(message.facts)
    for i in range(0, len(facts), 10):  # a section holds at most 10 fields
        fields = [_mrkdwn(f"*{label}*\n{value}", 2000) for label, value in facts[i : i + 10]]
        blocks.append({"type": "section", "fields": fields})
    if message.buttons:
        elements = []
        for position, b in enumerate(message.buttons[:25]):
            # Slack wants unique action ids within a message; the suffix is stripped on the way back.
            button: dict[str, Any] = {"type": "button", "text": _plain(b.label, 75),
                                      "action_id": f"{b.action_id}#{position}", "value": _cut(b.value, 2000)}
            if b.style is not ButtonStyle.DEFAULT:
                button["style"] = b.style.value
            elements.append(button)
        blocks.append({"type": "actions", "elements": elements})
    if message.context:
        blocks.append({"type": "context", "elements": [_mrkdwn(c) for c in message.context[:10]]})
    if not blocks:
        blocks.append({"type": "section", "text": _mrkdwn(" ")})
    return _guard(blocks)


def _guard(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(blocks) > MAX_BLOCKS:
        blocks = [*blocks[: MAX_BLOCKS - 1], {"type": "context", "elements": [_mrkdwn(MORE_ROWS)]}]
    return blocks


def action_id_of(slack_action_id: str) -> str:
    return slack_action_id.split("#", 1)[0]


def _input_element(f: FormField) -> dict[str, Any]:
    element: dict[str, Any]
    if f.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        limit = min(f.max_length or PLAIN_TEXT_INPUT_MAX, PLAIN_TEXT_INPUT_MAX)
        element = {"type": "plain_text_input", "action_id": VALUE_ACTION,
                   "multiline": f.kind is FieldKind.LONG_TEXT, "max_length": limit}
        if f.initial:
            element["initial_value"] = _cut(f.initial, element["max_length"])
    elif f.kind is FieldKind.DATE:
        element = {"type": "datepicker", "action_id": VALUE_ACTION}
        if f.initial:
            element["initial_date"] = f.initial
    elif f.kind is FieldKind.USER and not f.options:
        element = {"type": "users_select", "action_id": VALUE_ACTION,
                   "placeholder": _plain(f.placeholder or "Välj person", 150)}
        return element
    else:
        options = [{"text": _plain(o.label, 75), "value": _cut(o.value, 150)} for o in f.options[:100]]
        element = {"type": "static_select", "action_id": VALUE_ACTION, "options": options,
                   "placeholder": _plain(f.placeholder or ("Välj person" if f.kind is FieldKind.USER else "Välj"), 150)}
        initial = next((o for o in options if o["value"] == f.initial), None)
        if initial is not None:
            element["initial_option"] = initial
        return element
    if f.placeholder:
        element["placeholder"] = _plain(f.placeholder, 150)
    return element


def modal(form: Form) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    if form.intro:
        blocks.append({"type": "section", "text": _mrkdwn(form.intro)})
    for f in form.fields:
        block: dict[str, Any] = {"type": "input", "block_id": f.id, "label": _plain(f.label, 2000),
                                 "element": _input_element(f), "optional": not f.required}
        note = f"{f.optional_note[:1].upper()}{f.optional_note[1:]}." if f.optional_note else ""
        hint = " ".join(h for h in (note, f.hint or "") if h)
        if hint:  # Slack marks the field "(optional)"; say when it is needed after all
            block["hint"] = _plain(hint, 2000)
        blocks.append(block)
    return {
        "type": "modal",
        "callback_id": form.id,
        "title": _plain(form.title, 24),
        "submit": _plain(form.submit_label, 24),
        "close": _plain(CANCEL_LABEL, 24),
        "private_metadata": _cut(json.dumps(form.context, ensure_ascii=False), 3000),
        "blocks": _guard(blocks),
    }


def message_modal(message: Message, title: str = "Lotsen") -> dict[str, Any]:
    return {"type": "modal", "title": _plain(title, 24), "close": _plain(CLOSE_LABEL, 24),
            "blocks": message_blocks(message)}


def home_view(messages: list[Message]) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for i, m in enumerate(messages):
        if i:
            blocks.append({"type": "divider"})
        blocks.extend(message_blocks(m))
    return {"type": "home", "blocks": _guard(blocks)}


def state_values(view: dict[str, Any]) -> dict[str, str | None]:
    """Flatten view.state.values into {field_id: value-as-string}."""
    out: dict[str, str | None] = {}
    for block_id, actions in (view.get("state", {}).get("values") or {}).items():
        el: dict[str, Any] = actions.get(VALUE_ACTION) or next(iter(actions.values()), {})
        kind = el.get("type")
        if kind == "plain_text_input":
            out[block_id] = el.get("value")
        elif kind == "datepicker":
            out[block_id] = el.get("selected_date")
        elif kind == "users_select":
            out[block_id] = el.get("selected_user")
        elif kind in ("static_select", "radio_buttons"):
            opt = el.get("selected_option")
            out[block_id] = opt.get("value") if opt else None
        else:
            out[block_id] = el.get("value")
    return out


def user_fields(view: dict[str, Any]) -> set[str]:
    """The fields of a submitted view that hold a Slack user (users_select), to be mapped to people."""
    return {
        block_id
        for block_id, actions in (view.get("state", {}).get("values") or {}).items()
        if any(el.get("type") == "users_select" for el in actions.values())
    }


def private_metadata(view: dict[str, Any]) -> dict[str, str]:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
