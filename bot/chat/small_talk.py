"""Greetings and thanks typed to Lotsen: answered as such, not searched as routine questions.

"hej" searched as a question used to come back with three routines that happened to rank first.
Only whole messages that are nothing but a greeting or thanks count; "hej, vem utreder en avvikelse?"
is a question and is searched.
"""

from __future__ import annotations

import re
import unicodedata

GREETINGS = frozenset({
    "hej", "hejsan", "hallå", "halla", "tja", "tjena", "tjenare", "hej hej", "god morgon", "godmorgon",
    "god dag", "goddag", "god eftermiddag", "god kväll", "hej lotsen", "hallå lotsen", "hello", "hi", "hey",
})
THANKS = frozenset({
    "tack", "tack tack", "tackar", "tack så mycket", "tusen tack", "stort tack", "tack lotsen",
    "tack för hjälpen", "thanks", "thank you", "thx",
})

GREETING_REPLY = (
    "Hej! Fråga vilken rutin som gäller, t.ex. ”vem utreder en avvikelse?”, eller skriv hjälp för "
    "att se vad Lotsen kan göra."
)
THANKS_REPLY = "Varsågod! Skriv hjälp om du vill se vad mer Lotsen kan göra."

_NOT_WORDS = re.compile(r"[^\w\s]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORDS.sub(" ", text).split())


def small_talk_reply(text: str) -> str | None:
    """The answer to a message that is only a greeting or thanks (punctuation and emoji aside), else None."""
    folded = _fold(text)
    if folded in GREETINGS:
        return GREETING_REPLY
    if folded in THANKS:
        return THANKS_REPLY
    return None
