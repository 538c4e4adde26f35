"""Render the neutral UI model as Slack Block Kit, and read modal state back into plain values.

Built with slack_sdk.models so Slack's own limits are validated by `.to_dict()`; we add the
50-blocks-per-message guard ourselves.
"""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from lotsen.ui.model import ButtonStyle, FieldKind, Form, FormField, Message

MAX_BLOCKS = 50
VALUE_ACTION = "value"
CLOSE_LABEL = "Stäng"
CANCEL_LABEL = "Avbryt"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_blocks(message: Message) -> list[dict[str, Any]]:
    blocks: list[Block] = []
    if message.header:
        blocks.append(HeaderBlock(text=PlainTextObject(text=_cut(message.header, 150))))
    for section in message.sections:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_cut(section, 3000))))
    facts = list(message.facts)
    for i in range(0, len(facts), 10):  # a section holds at most 10 fields
        fields = [MarkdownTextObject(text=_cut(f"*{label}*\n{value}", 2000)) for label, value in facts[i : i + 10]]
        blocks.append(SectionBlock(fields=fields))
    if message.buttons:
        elements: list[ButtonElement] = []
        for b in message.buttons[:25]:
            style = None if b.style is ButtonStyle.DEFAULT else b.style.value
            elements.append(ButtonElement(text=_cut(b.label, 75), action_id=f"{b.action_id}#{len(elements)}",
                                          value=b.value, style=style))
        blocks.append(ActionsBlock(elements=elements))
    if message.context:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_cut(c, 3000)) for c in message.context[:10]]))
    if not blocks:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_cut(message.text, 3000))))
    return _guard([b.to_dict() for b in blocks])


def _guard(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(blocks) > MAX_BLOCKS:
        more = ContextBlock(elements=[MarkdownTextObject(text="Fler rader finns; visa resten i Lotsen.")])
        blocks = [*blocks[: MAX_BLOCKS - 1], more.to_dict()]
    return blocks


def action_id_of(slack_action_id: str) -> str:
    """Buttons get a position suffix (Slack wants unique ids per message); strip it."""
    return slack_action_id.split("#", 1)[0]


def _input_element(f: FormField) -> Any:
    placeholder = PlainTextObject(text=_cut(f.placeholder, 150)) if f.placeholder else None
    if f.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        return PlainTextInputElement(
            action_id=VALUE_ACTION,
            multiline=f.kind is FieldKind.LONG_TEXT,
            max_length=min(f.max_length or 3000, 3000),
            initial_value=_cut(f.initial, 3000) if f.initial else None,
            placeholder=placeholder,
        )
    if f.kind is FieldKind.DATE:
        return DatePickerElement(action_id=VALUE_ACTION, initial_date=f.initial or None, placeholder=placeholder)
    if f.kind is FieldKind.USER:
        return UserSelectElement(action_id=VALUE_ACTION, placeholder=placeholder or "Välj person")
    options = [Option(value=o.value, text=_cut(o.label, 75)) for o in f.options[:100]]
    initial = next((o for o in options if o.value == f.initial), None)
    return StaticSelectElement(action_id=VALUE_ACTION, options=options, initial_option=initial,
                               placeholder=placeholder or "Välj")


def modal(form: Form) -> dict[str, Any]:
    blocks: list[Block] = []
    if form.intro:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_cut(form.intro, 3000))))
    for f in form.fields:
        blocks.append(InputBlock(
            block_id=f.id,
            label=PlainTextObject(text=_cut(f.label, 2000)),
            element=_input_element(f),
            optional=not f.required,
            hint=PlainTextObject(text=_cut(f.hint, 2000)) if f.hint else None,
        ))
    view = View(
        type="modal",
        callback_id=form.id,
        title=PlainTextObject(text=_cut(form.title, 24)),
        submit=PlainTextObject(text=_cut(form.submit_label, 24)),
        close=PlainTextObject(text=CANCEL_LABEL),
        private_metadata=json.dumps(form.context, ensure_ascii=False),
        blocks=blocks,
    )
    return view.to_dict()


def message_modal(message: Message, title: str = "Lotsen") -> dict[str, Any]:
    view = View(
        type="modal",
        title=PlainTextObject(text=_cut(title, 24)),
        close=PlainTextObject(text=CLOSE_LABEL),
        blocks=message_blocks(message),
    )
    return view.to_dict()


def home_view(messages: list[Message]) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for i, m in enumerate(messages):
        if i:
            blocks.append(DividerBlock().to_dict())
        blocks.extend(message_blocks(m))
    return View(type="home", blocks=_guard(blocks)).to_dict()


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


def private_metadata(view: dict[str, Any]) -> dict[str, str]:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
