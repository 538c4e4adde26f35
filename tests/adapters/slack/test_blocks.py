"""Block Kit rendering: checked against slack_sdk.models' own validation of Slack's limits."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.adapters.slack import blocks
from bot.avvikelse import forms
from bot.config import Settings
from bot.ui.model import Button, ButtonStyle, FieldKind, Form, FormField, Message, Option
from storage.models import Avvikelse, Unit

text = st.text(min_size=1, max_size=4000)


def validate_view(view: dict[str, Any]) -> None:
    """slack_sdk parses the dict back into models and raises on any limit it knows."""
    parsed = View(**view)
    parsed.validate_json()
    for block in parsed.blocks:
        block.validate_json()
    assert parsed.to_dict()["type"] == view["type"]


def validate_blocks(rendered: list[dict[str, Any]]) -> None:
    assert len(rendered) <= blocks.MAX_BLOCKS
    for raw in rendered:
        block = Block.parse(raw)
        assert block is not None
        block.validate_json()


messages = st.builds(
    Message,
    text=text,
    header=st.one_of(st.none(), text),
    sections=st.lists(text, max_size=60).map(tuple),
    facts=st.lists(st.tuples(st.text(min_size=1, max_size=100), text), max_size=25).map(tuple),
    buttons=st.lists(st.builds(Button, label=text, action_id=st.just("avvikelse:open"),
                               value=st.text(min_size=1, max_size=3000),
                               style=st.sampled_from(ButtonStyle)), max_size=30).map(tuple),
    context=st.lists(text, max_size=12).map(tuple),
)


@given(messages)
def test_any_message_renders_within_slacks_limits(message: Message) -> None:
    rendered = blocks.message_blocks(message)
    validate_blocks(rendered)
    validate_view(blocks.message_modal(message))
    validate_view(blocks.home_view([message, message]))


@given(st.lists(st.builds(FormField, id=st.text(alphabet="abcdefgh_", min_size=1, max_size=20),
                          label=text, kind=st.sampled_from(FieldKind), required=st.booleans(),
                          max_length=st.one_of(st.none(), st.integers(1, 5000)),
                          options=st.lists(st.builds(Option, value=st.text(min_size=1, max_size=150), label=text),
                                           min_size=1, max_size=120).map(tuple),
                          hint=st.one_of(st.none(), text)),
                min_size=1, max_size=20, unique_by=lambda f: f.id),
       text, text)
def test_any_form_renders_as_a_valid_modal(fields: list[FormField], title: str, intro: str) -> None:
    form = Form(id="avvikelse_new", title=title, submit_label=title, fields=tuple(fields), intro=intro,
                context={"number": "AVV-2026-0001"})
    view = blocks.modal(form)
    validate_view(view)
    assert blocks.private_metadata(view) == {"number": "AVV-2026-0001"}


def test_every_text_at_its_worst_length_still_fits() -> None:
    long = "å" * 5000
    message = Message(text=long, header=long, sections=(long,) * 3, facts=((long, long),) * 12,
                      buttons=(Button(long, "avvikelse:open", long, ButtonStyle.DANGER),) * 30, context=(long,) * 12)
    validate_blocks(blocks.message_blocks(message))
    validate_view(blocks.message_modal(message, title=long))
    field = FormField("f", long, FieldKind.CHOICE, options=(Option(long, long),) * 150, hint=long, initial=long)
    text_field = FormField("t", long, FieldKind.LONG_TEXT, max_length=9000, initial=long, placeholder=long)
    validate_view(blocks.modal(Form(id="avvikelse_x", title=long, submit_label=long, fields=(field, text_field),
                                    intro=long, context={"k": long})))


def test_real_forms_render_and_their_state_reads_back() -> None:
    units = [Unit(code="MOTT", name="Mottagningen"), Unit(code="UTR1", name="Utredningsenhet 1")]
    form = forms.new_report_form(units, Settings().avvikelse_categories, units[1])
    view = blocks.modal(form)
    validate_view(view)
    unit_block = next(b for b in view["blocks"] if b.get("block_id") == "unit")
    assert unit_block["element"]["initial_option"]["value"] == "UTR1"
    report = Avvikelse(number="AVV-2026-0001", inv_course="Utkast", inv_lex_sarah="osaker")  # type: ignore[call-arg]
    inv = blocks.modal(forms.investigation_form(report))
    validate_view(inv)
    course = next(b for b in inv["blocks"] if b.get("block_id") == "inv_course")
    assert course["element"]["initial_value"] == "Utkast"
    state = {"values": {
        "event_date": {"value": {"type": "datepicker", "selected_date": "2026-11-20"}},
        "unit": {"value": {"type": "static_select", "selected_option": {"value": "MOTT"}}},
        "who": {"value": {"type": "users_select", "selected_user": "U0ABC"}},
        "what": {"value": {"type": "plain_text_input", "value": "text"}},
        "empty": {"value": {"type": "static_select", "selected_option": None}},
    }}
    assert blocks.state_values({"state": state}) == {
        "event_date": "2026-11-20", "unit": "MOTT", "who": "U0ABC", "what": "text", "empty": None}


def test_long_lists_are_cut_at_fifty_blocks_with_a_note() -> None:
    message = Message(text="x", sections=tuple(f"rad {i}" for i in range(80)))
    rendered = blocks.message_blocks(message)
    assert len(rendered) == 50 and blocks.MORE_ROWS in rendered[-1]["elements"][0]["text"]


def test_button_ids_are_unique_and_map_back() -> None:
    message = Message(text="x", buttons=(Button("A", "avvikelse:open", "1"), Button("B", "avvikelse:open", "2")))
    ids = [e["action_id"] for e in blocks.message_blocks(message)[-1]["elements"]]
    assert len(set(ids)) == 2 and {blocks.action_id_of(i) for i in ids} == {"avvikelse:open"}


def test_without_a_header_the_text_leads() -> None:
    message = Message(text="F-1 registrerad: sista dag 2026-12-28.", sections=("14 dagar från …",),
                      buttons=(Button("Visa", "frist:open", "1"),))
    rendered = blocks.message_blocks(message)
    assert rendered[0]["text"]["text"] == "F-1 registrerad: sista dag 2026-12-28."
    assert rendered[1]["text"]["text"] == "14 dagar från …"
    with_header = blocks.message_blocks(Message(text="fallback", header="Rubrik", sections=("a",)))
    assert "fallback" not in str(with_header)  # the text is only the notification fallback then
