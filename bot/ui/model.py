"""A small neutral model of forms and messages, rendered per platform (Block Kit, console text, …).

The core builds these; adapters only render them and feed values back. Keeping them plain data
means one flow serves Slack, Teams and the console.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bot.ui import texts

# Lotsen's own limits for free text in one field (a product rule, not a platform's): adapters
# whose widgets allow less cut to their own limit.
LONG_TEXT_MAX = 3000
SHORT_TEXT_MAX = 200


class FieldKind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    CHOICE = "choice"
    USER = "user"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: FieldKind
    required: bool = True
    max_length: int | None = None
    options: tuple[Option, ...] = ()
    initial: str | None = None
    hint: str | None = None
    placeholder: str | None = None
    # Shown instead of "(valfri)" for a field that may be left empty for now but is needed later,
    # e.g. "krävs för att avsluta".
    optional_note: str | None = None
    # For USER fields: the roles of those who qualify (any of them); empty means anyone active.
    roles: tuple[str, ...] = ()
    # A rule of this field's own (e.g. "a diarienummer, nothing else"): the Swedish error, or None.
    # Checked with the others, so a front end that checks each answer at once says it at once.
    check: Callable[[str], str | None] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Form:
    """A form to open. `context` travels with it (Slack private_metadata) and comes back on submit."""

    id: str
    title: str
    submit_label: str
    fields: tuple[FormField, ...]
    context: dict[str, str] = field(default_factory=dict)
    intro: str | None = None


class ButtonStyle(StrEnum):
    DEFAULT = "default"
    PRIMARY = "primary"
    DANGER = "danger"


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str
    style: ButtonStyle = ButtonStyle.DEFAULT


@dataclass(frozen=True)
class Message:
    """A platform-neutral message: a header, text sections, label/value facts, buttons, fine print.

    `private` marks a view with case content (or a personal list): an adapter may show it only where
    the platform keeps no copy in a conversation's history (a modal, the App Home tab, an ephemeral
    reply; in Teams a dialog or a card updated in place). Where it would be posted (a channel, thread,
    group or DM), the adapter shows `stand_in(message)` instead: the `reveal` button, which opens the
    view again after the permission check. The outbox refuses private messages altogether.
    """

    text: str  # plain fallback (notifications, screen readers)
    header: str | None = None
    sections: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    context: tuple[str, ...] = ()
    private: bool = False
    reveal: Button | None = None  # opens this view again (after the permission check), for stand_in

    def to_payload(self) -> dict[str, Any]:
        """Serialise for the outbox (JSON). Private views are never queued for posting."""
        if self.private:
            raise ValueError("a private view cannot be posted; queue a notification with a button instead")
        return {
            "text": self.text,
            "header": self.header,
            "sections": list(self.sections),
            "facts": [list(f) for f in self.facts],
            "buttons": [
                {"label": b.label, "action_id": b.action_id, "value": b.value, "style": b.style.value}
                for b in self.buttons
            ],
            "context": list(self.context),
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Message:
        return cls(
            text=data["text"],
            header=data.get("header"),
            sections=tuple(data.get("sections", [])),
            facts=tuple((f[0], f[1]) for f in data.get("facts", [])),
            buttons=tuple(
                Button(b["label"], b["action_id"], b["value"], ButtonStyle(b.get("style", "default")))
                for b in data.get("buttons", [])
            ),
            context=tuple(data.get("context", [])),
        )


def stand_in(message: Message) -> Message:
    """What a conversation may keep instead of a private view: no content, a button that opens it."""
    if not message.private:
        return message
    if message.reveal is not None:
        return Message(text=texts.SHOWN_PRIVATELY, sections=(texts.SHOWN_PRIVATELY,), buttons=(message.reveal,))
    return Message(text=texts.SHOWN_PRIVATELY_NO_BUTTON, sections=(texts.SHOWN_PRIVATELY_NO_BUTTON,))


@dataclass(frozen=True)
class Reply:
    """What an interaction returns to the person who acted."""

    message: Message | None = None
    form: Form | None = None
    ephemeral: bool = True


@dataclass(frozen=True)
class FormResult:
    """The outcome of submitting a form: field errors (nothing changed), or a reply, or a next form."""

    errors: dict[str, str] = field(default_factory=dict)
    message: Message | None = None
    next_form: Form | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def swedish_date(d: date) -> str:
    """`tors 24 dec 2026`: the short form used in messages beside the ISO date (see bot.ui.phrases)."""
    from bot.ui.phrases import short_date

    return short_date(d)


def iso_and_swedish(d: date) -> str:
    from bot.ui.phrases import date_phrase

    return date_phrase(d)
