"""Neutral forms and messages as Adaptive Cards 1.5: only elements Teams mobile renders, every field an input,
values round-trip, and Slack-style emphasis becomes card Markdown."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from bot.adapters.teams import cards
from bot.ui.model import Button, ButtonStyle, FieldKind, Form, FormField, Message, Option
from storage.models import Person
from tests.conftest import make_lotsen

# Adaptive Cards 1.5 element and action types Lotsen may use (all rendered by Teams desktop and mobile).
ELEMENTS_1_5 = {"TextBlock", "FactSet", "Input.Text", "Input.Date", "Input.ChoiceSet", "ActionSet"}
ACTIONS_1_5 = {"Action.Submit"}


def walk(card: dict[str, Any]) -> None:
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    for element in card["body"]:
        assert element["type"] in ELEMENTS_1_5, element
        if element["type"].startswith("Input."):
            assert element["id"] and element["label"]
        for action in element.get("actions", []):
            assert action["type"] in ACTIONS_1_5 and action["title"]
    for action in card.get("actions", []):
        assert action["type"] in ACTIONS_1_5 and action["title"]
        assert action.get("style", "default") in {"default", "positive", "destructive"}
    assert len(card.get("actions", [])) <= cards.MAX_ACTIONS


@pytest.fixture
def forms_and_messages(sqlite_url: str) -> list[Form | Message]:
    lotsen = make_lotsen(sqlite_url)
    with lotsen.db.session() as s:
        anna = s.exec(select(Person).where(Person.key == "me.anna")).one()
        maria = s.exec(select(Person).where(Person.key == "ec.maria")).one()
    out: list[Form | Message] = []
    for actor, command, text in ((anna, "avvikelse", ""), (anna, "lexsarah", ""), (anna, "frist", ""),
                                 (maria, "avvikelse", "lista"), (maria, "frist", "lista"), (anna, "rutin", "hjälp")):
        reply = lotsen.chat.command(actor, command, text, channel="teams")
        out.append(reply.form or reply.message)  # type: ignore[arg-type]
    out += lotsen.chat.home(maria)
    lotsen.db.dispose()
    return out


def test_the_overview_renders_as_one_card(sqlite_url: str) -> None:
    lotsen = make_lotsen(sqlite_url)
    with lotsen.db.session() as s:
        maria = s.exec(select(Person).where(Person.key == "ec.maria")).one()
    card = cards.messages_card(lotsen.chat.home(maria))
    walk(card)
    sets = [e for e in card["body"] if e["type"] == "ActionSet"]
    assert sets and sets[0]["actions"][0]["data"][cards.K_ACTION] == "avvikelse:new"
    lotsen.db.dispose()


def test_every_form_and_message_of_the_app_renders_with_1_5_elements_only(forms_and_messages: list[Any]) -> None:
    assert any(isinstance(x, Form) for x in forms_and_messages)
    for item in forms_and_messages:
        if isinstance(item, Form):
            card = cards.form_card(item, key=cards.new_submission_key())
            ids = [e["id"] for e in card["body"] if "id" in e]
            assert ids == [f.id for f in item.fields]
        else:
            card = cards.message_card(item)
        walk(card)


def test_a_form_card_carries_what_the_submission_needs() -> None:
    form = Form(id="avvikelse_new", title="Rapportera", submit_label="Skicka", context={"number": "AVV-2026-0001"},
                fields=(FormField("when", "Datum", FieldKind.DATE),
                        FormField("unit", "Enhet", FieldKind.CHOICE, options=(Option("MOTT", "Mottagningen"),)),
                        FormField("who", "Ansvarig", FieldKind.USER, required=False),
                        FormField("what", "Vad hände?", FieldKind.LONG_TEXT, max_length=3000, hint="Inga namn")))
    card = cards.form_card(form, key="teams:dialog:abc", values={"what": "Sent"}, errors={"when": "Fel datum"})
    walk(card)
    data = card["actions"][0]["data"]
    assert (data[cards.K_FORM], data[cards.K_KEY]) == ("avvikelse_new", "teams:dialog:abc")
    assert cards.context_of(data) == {"number": "AVV-2026-0001"}
    assert cards.form_from_json(data[cards.K_DEFINITION], cards.context_of(data)) == form
    by_id = {e["id"]: e for e in card["body"] if "id" in e}
    assert by_id["what"]["isMultiline"] is True and by_id["what"]["value"] == "Sent"
    assert by_id["who"]["choices.data"]["dataset"] == "graph.microsoft.com/users"
    assert "Fel datum" in str(card["body"])
    submitted = cards.submitted_values(["when", "unit", "who", "what"], {**data, "unit": "MOTT", "what": "x"})
    assert submitted == {"unit": "MOTT", "what": "x", "when": None, "who": None}


def test_a_person_field_with_its_people_listed_is_a_plain_choice_not_the_directory_picker() -> None:
    chefs = (Option("ec.jonas", "Jonas Enhet, Utredningsenhet 1"), Option("vc.karin", "Karin Verksam"))
    form = Form(id="avvikelse_handover", title="Lämna över", submit_label="Lämna över",
                fields=(FormField("to", "Till", FieldKind.USER, options=chefs, roles=("enhetschef",)),))
    card = cards.form_card(form, key="teams:dialog:h")
    walk(card)
    [to] = [e for e in card["body"] if e.get("id") == "to"]
    assert to["type"] == "Input.ChoiceSet" and "choices.data" not in to
    assert to["choices"] == [{"title": "Jonas Enhet, Utredningsenhet 1", "value": "ec.jonas"},
                             {"title": "Karin Verksam", "value": "vc.karin"}]


def test_message_buttons_open_dialogs() -> None:
    card = cards.message_card(Message(text="t", header="Rubrik", facts=(("Nummer", "AVV-2026-0001"),),
                                      buttons=(Button("Öppna", "avvikelse:open", "AVV-2026-0001",
                                                      ButtonStyle.PRIMARY),)))
    walk(card)
    [action] = card["actions"]
    assert action["data"] == {"msteams": {"type": "task/fetch"}, cards.K_ACTION: "avvikelse:open",
                              cards.K_VALUE: "AVV-2026-0001"}
    assert action["style"] == "positive"


def test_slack_emphasis_and_links_become_card_markdown() -> None:
    assert cards.markdown("*Vad hände?*\ntext") == "**Vad hände?**\ntext"
    assert cards.markdown("se <https://kommun.se/r|rutinen>") == "se [rutinen](https://kommun.se/r)"
    assert cards.markdown("3 * 4 = 12") == "3 * 4 = 12"


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=20), max_size=5))
def test_any_context_survives_the_round_trip_through_the_card(context: dict[str, str]) -> None:
    form = Form(id="f_x", title="T", submit_label="S", fields=(), context=context)
    data = cards.form_card(form, key="teams:dialog:k")["actions"][0]["data"]
    assert cards.context_of(data) == context


@given(st.text(max_size=200))
def test_garbage_in_card_data_is_no_crash(raw: str) -> None:
    assert cards.form_from_json(raw, {}) is None or isinstance(cards.form_from_json(raw, {}), Form)
    assert isinstance(cards.context_of({cards.K_CONTEXT: raw}), dict)


def test_typed_text_drops_mentions_and_teams_html() -> None:
    from bot.adapters.teams.app import typed_text

    assert typed_text("<at>Lotsen</at> avvikelse lista") == "avvikelse lista"
    assert typed_text("<p>frist&nbsp;lista</p>\n") == "frist lista"
    assert typed_text(None) == ""


@given(st.text(max_size=300))
def test_typed_text_never_fails_and_is_one_clean_line(raw: str) -> None:
    from bot.adapters.teams.app import typed_text

    out = typed_text(f"<at>Lotsen</at> {raw}")
    assert out == typed_text(raw)  # the mention adds nothing
    assert out == out.strip() and "  " not in out and "\n" not in out
