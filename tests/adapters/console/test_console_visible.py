"""The console shows text as typed, with control characters made visible, and refuses them on the way in."""

from __future__ import annotations

from bot.adapters.console.render import render_message, visible
from bot.app import Lotsen
from bot.ui.model import Message
from tests.adapters.console.test_console import FILE_REPORT, drive
from tests.avvikelse.helpers import reports


def test_control_and_invisible_characters_are_shown_not_executed() -> None:
    shown = render_message(Message(text="x", header="AVV", sections=("Röd\x1b[31m text\r över\u200b\u202e",),
                                   facts=(("Ref", "a\x00b"),)))
    assert "\x1b" not in shown and "\r" not in shown and "\x00" not in shown and "\u202e" not in shown
    assert "\\x1b[31m" in shown and "\\x0d" in shown and "\\u200b" in shown and "\\u202e" in shown
    assert "\\x00" in shown
    assert visible("rad ett\n\trad två <!channel> & co") == "rad ett\n\trad två <!channel> & co"  # as typed


def test_a_control_character_typed_in_a_form_is_refused(lotsen: Lotsen) -> None:
    # The field is refused as soon as it is answered, and asked again.
    lines = [*FILE_REPORT[:6], "Texten\x1b[2J rensar skärmen", "Ett barn fick vänta.", *FILE_REPORT[7:]]
    output = drive(lotsen, [*lines, "avsluta"])
    assert "styrtecken" in output and "\x1b" not in output
    [report] = reports(lotsen)
    assert report.what_happened == "Ett barn fick vänta."
