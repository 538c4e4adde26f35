"""Text a user typed can neither ping, mention nor disguise a link when Lotsen renders it to Slack."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.slack.blocks import fallback_text, for_history, message_blocks, modal
from bot.ui.model import Button, FieldKind, Form, FormField, Message
from tests.support.slack import SlackHarness
from tests.support.slack import select as choice

HOSTILE = "<!channel> <!here> <@U0DEMOVC01> <#C0GENERAL|allmänt> <https://evil.example|Lotsen> & <!subteam^S1>"
# A Slack control sequence is "<" followed by !, @, #, or a URL scheme, up to ">".
MARKUP = re.compile(r"<(?:[!@#]|https?:|mailto:)[^>]*>")


def mrkdwn_texts(value: object) -> list[str]:
    out: list[str] = []
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn":
            out.append(value["text"])
        for v in value.values():
            out += mrkdwn_texts(v)
    elif isinstance(value, list):
        for v in value:
            out += mrkdwn_texts(v)
    return out


def test_every_mrkdwn_text_and_the_fallback_are_escaped() -> None:
    message = Message(text=HOSTILE, sections=(f"*Vad hände?*\n{HOSTILE}",), facts=(("Referens", HOSTILE),),
                      context=(HOSTILE,), buttons=(Button("Visa", "avvikelse:open", "AVV-2026-0001"),))
    texts = mrkdwn_texts(message_blocks(message))
    assert len(texts) == 4
    for text in [*texts, fallback_text(message)]:
        assert not MARKUP.search(text), text
        assert "&lt;!channel&gt;" in text and "&amp;" in text
    assert "*Vad hände?*" in texts[1]  # our own formatting survives


def test_plain_text_stays_plain() -> None:
    message = Message(text="x", header="A & B <c>")
    [header] = message_blocks(message)
    assert header["text"] == {"type": "plain_text", "text": "A & B <c>", "emoji": True}
    form = Form(id="avvikelse_reopen", title="T", submit_label="S",
                fields=(FormField("reason", "Skäl", FieldKind.LONG_TEXT, initial="<!channel> & co"),))
    element = modal(form)["blocks"][0]["element"]
    assert element["initial_value"] == "<!channel> & co"


def test_cutting_never_leaves_half_an_entity() -> None:
    text = mrkdwn_texts(message_blocks(Message(text="x", sections=("&" * 2000,))))[0]
    assert len(text) <= 3000 and re.search(r"&[a-z]{0,3}…$", text) is None


@given(st.text(max_size=300))
def test_no_user_text_can_open_markup(text: str) -> None:
    message = Message(text=text, sections=(text,), facts=((text[:10] or "x", text),), context=(text,))
    for rendered in [*mrkdwn_texts(message_blocks(message)), fallback_text(message)]:
        assert "<" not in rendered and ">" not in rendered


def test_a_private_view_is_never_posted_as_is() -> None:
    detail = Message(text="AVV-2026-0001: Mottagen", sections=("*Vad hände?*\nhemligt",), private=True,
                     reveal=Button("Visa", "avvikelse:open", "AVV-2026-0001"))
    posted = for_history(detail)
    assert not posted.private and "hemligt" not in json.dumps(message_blocks(posted), ensure_ascii=False)
    assert [b.action_id for b in posted.buttons] == ["avvikelse:open"]


FORM = {"event_date": "2026-11-20", "unit": choice("MOTT"), "subject": choice("organisatorisk"),
        "origin": choice("intern"), "category": choice("Dokumentation"), "what_happened": HOSTILE,
        "consequence": "Ingen.", "immediate_action": "Inget.", "case_reference": None}


def test_a_hostile_report_cannot_ping_when_shown_or_notified(slack: SlackHarness) -> None:
    assert slack.submit_view("U0DEMOME01", "avvikelse_new", FORM, view_id="VH").status == 200
    slack.click("U0DEMOEC01", "avvikelse:open#0", "AVV-2026-0001", from_home=True)
    [opened] = slack.fake.wait_for("views.open")  # type: ignore[union-attr]
    shown = json.dumps(opened.params["view"], ensure_ascii=False)
    assert "&lt;!channel&gt;" in shown and not MARKUP.search(shown)
    for post in slack.fake.wait_for("chat.postMessage", count=2):  # type: ignore[union-attr]
        assert not MARKUP.search(json.dumps(post.params, ensure_ascii=False))
