"""Greetings and thanks are answered; anything with a question in it is not small talk."""

from __future__ import annotations

import pytest

from bot.chat.small_talk import GREETING_REPLY, THANKS_REPLY, small_talk_reply


@pytest.mark.parametrize("text", ["hej", "Hej!", "  HEJSAN  ", "god morgon :)", "Hallå Lotsen", "hi 👋"])
def test_greetings(text: str) -> None:
    assert small_talk_reply(text) == GREETING_REPLY


@pytest.mark.parametrize("text", ["tack", "Tack så mycket!", "tusen tack!!", "Thanks"])
def test_thanks(text: str) -> None:
    assert small_talk_reply(text) == THANKS_REPLY


@pytest.mark.parametrize("text", [
    "hej, vem utreder en avvikelse?", "tack för rutinen om orosanmälan, var finns blanketten",
    "idag", "vad gäller", "", "hejdå rutinen",
])
def test_questions_are_not_small_talk(text: str) -> None:
    assert small_talk_reply(text) is None
