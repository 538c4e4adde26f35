"""The console front end: a local chat in the terminal, for demos and for trying Lotsen without Slack.

You type what you would type in Slack (`/avvikelse`, `/avvikelse lista`, `hjälp`), answer forms field
by field (each answer is checked at once), press buttons by number, and switch between people to see
each role. Messages the bot sends land in each person's numbered inbox (`inkorg`), where their buttons
stay usable: `1.2`, `1 2`, `1 klar` or `1 skjut upp`.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from bot.adapters.console import texts as ct
from bot.adapters.console.render import render_message, visible
from bot.app import Lotsen
from bot.chat.router import GENERAL_HELP
from bot.clock import today_local, utcnow
from bot.errors import UserError
from bot.org.directory import active_people
from bot.org.people_search import match_people, people_who_qualify, qualifies, unit_names
from bot.privacy.guard import identity_number_errors
from bot.ui.model import Button, FieldKind, Form, FormField, FormResult, Message, Reply
from bot.ui.phrases import count
from bot.ui.texts import ERR_REQUIRED
from bot.ui.validation import day_word, field_error
from storage.models import Person

CHANNEL = "console"
CONSOLE_HELP = ct.HELP  # kept for callers that print the console's help

CANCEL_WORDS = {"avbryt", "/avbryt"}
QUIT_WORDS = {"avsluta", "exit", "quit", "/avsluta"}
_INBOX_PRESS = re.compile(r"^(\d+)(?:\.(\d+)|\s+(.+))$")


@dataclass
class InboxEntry:
    message: Message
    answered: bool = False


class ConsoleSender:
    """Outbox deliveries for the console: kept per person, for the whole session."""

    def __init__(self) -> None:
        self.inbox: dict[int, list[InboxEntry]] = defaultdict(list)

    def can_reach(self, person: Person) -> bool:
        return person.id is not None

    def send(self, person: Person, message: Message) -> None:
        assert person.id is not None
        self.inbox[person.id].append(InboxEntry(message))


ECHO_MAX = 40


def _echo(answer: str, instead: str = ct.ANSWER_NOT_SHOWN) -> str:
    """The user's answer quoted back in an error, unless it is long or holds an identity number.

    An answer typed into the wrong field is often the text meant for the next one (what happened);
    it is not repeated on screen, where it would stay in the terminal's scrollback.
    """
    if len(answer) > ECHO_MAX or identity_number_errors({"a": answer}):
        return instead
    return f"'{answer}'"


class _Retry(Exception):
    """An answer that was refused; the field is asked again."""


class _Cancel(Exception):
    """The person typed avbryt (or input ended) in the middle of a field."""


class ConsoleSession:
    def __init__(self, lotsen: Lotsen, stdin: TextIO, stdout: TextIO, user_key: str,
                 planned_since: datetime | None = None) -> None:
        self.lotsen = lotsen
        self.stdin = stdin
        self.stdout = stdout
        self.sender = ConsoleSender()
        # The console delivers only what was planned since it started: pointed at a real database by
        # mistake, it must not take (and mark sent) the reminders meant for Slack.
        self.dispatcher = lotsen.dispatcher([self.sender], planned_since=planned_since or utcnow())
        self.actor = self._person(user_key)
        self.last_buttons: list[tuple[str, str]] = []
        self.seen: dict[int, int] = {}  # inbox entries already shown to their owner
        self.announced: dict[int, int] = {}  # inbox sizes already mentioned to someone else
        self.last_shown: Message | None = None  # a copy of it arriving in the inbox is not printed twice

    # --- I/O --------------------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.stdout.write(visible(text) + "\n")  # control characters shown, never executed
        self.stdout.flush()

    def ask(self, prompt: str) -> str | None:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            return None
        return line.rstrip("\n")

    def _person(self, text: str) -> Person:
        """A person by id, e-mail or (part of) a name; exactly one must match."""
        with self.lotsen.db.read() as session:
            found = match_people(session, text)
        if not found:
            raise UserError(ct.UNKNOWN_PERSON.format(text=text))
        if len(found) > 1:
            names = ", ".join(f"{p.name} ({p.key})" for p in found)
            raise UserError(ct.SEVERAL_PEOPLE.format(text=text, names=names, key=found[0].key))
        return found[0]

    # --- loop -------------------------------------------------------------------------------------

    def run(self) -> None:
        self.say(ct.WELCOME)
        self.say(ct.YOU_ARE.format(who=self._who()))
        self.deliver()  # what is already waiting, before the first question
        while True:
            line = self.ask(f"\n[{self.actor.name}] > ")
            if line is None or line.strip().lower() in QUIT_WORDS:
                self.say(ct.BYE)
                return
            line = line.strip()
            if not line:
                continue
            try:
                self.handle(line)
            except UserError as exc:
                self.say(exc.message)
            self.deliver()

    def _who(self) -> str:
        roles = ", ".join(self.actor.roles) or ct.NO_ROLES
        return f"{self.actor.name} ({self.actor.key}; {roles})"

    def handle(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        lower = word.lower()
        alone = not rest.strip()  # console words only count on their own ("vem" vs "vem utreder …")
        if alone and lower in ("hjälp", "hjalp", "help", "/hjälp", "/lotsen"):
            self.say(GENERAL_HELP)
            self.say(ct.HELP)
        elif lower in ("byt", "/som"):
            self.switch(rest.strip())
        elif alone and lower == "vem":
            self.say(ct.YOU_ARE.format(who=self._who()))
        elif alone and lower == "personer":
            self.show_people()
        elif alone and lower == "inkorg":
            self.show_inbox()
        elif alone and lower in CANCEL_WORDS:
            self.say(ct.NOTHING_TO_CANCEL)
        elif alone and lower.isdigit():
            self.press(lower)
        elif lower == "knapp" and not alone:
            self.press(rest.strip())
        elif _INBOX_PRESS.match(line) and self.press_in_inbox(line):
            pass
        else:
            # "/avvikelse …" is a command; anything else is a question: which routine applies?
            self.show_reply(self.lotsen.chat.free_text(self.actor, line, channel=CHANNEL))

    def switch(self, who: str) -> None:
        if not who:
            self.say(ct.SWITCH_HOW)
            return
        self.actor = self._person(who)
        self.last_buttons = []
        self.say(ct.YOU_ARE_NOW.format(who=self._who()))  # their new messages, if any, follow right after

    def show_people(self) -> None:
        with self.lotsen.db.read() as session:
            units = unit_names(session)
            people = active_people(session)
        rows = [(p.key, p.name, units.get(p.unit_id or 0, ct.NO_UNIT), ", ".join(p.roles) or ct.NO_ROLES)
                for p in people]
        widths = [max((len(r[i]) for r in rows), default=0) for i in range(3)]
        for key, name, unit, roles in rows:
            self.say(f"  {key:<{widths[0]}}  {name:<{widths[1]}}  {unit:<{widths[2]}}  {roles}")

    # --- buttons ----------------------------------------------------------------------------------

    def press(self, raw: str) -> None:
        try:
            index = int(raw) - 1
            if index < 0:
                raise IndexError(index)
            action_id, value = self.last_buttons[index]
        except (ValueError, IndexError):
            self.say(ct.NO_SUCH_BUTTON)
            return
        self.show_reply(self.lotsen.chat.action(self.actor, action_id, value, channel=CHANNEL))

    def _inbox(self) -> list[InboxEntry]:
        assert self.actor.id is not None
        return self.sender.inbox.get(self.actor.id, [])

    def press_in_inbox(self, line: str) -> bool:
        """`1.2`, `1 2`, `1 klar`: a button of inbox message 1. False when the line is not meant so
        (no such message in the inbox): it is then read as a question."""
        match = _INBOX_PRESS.match(line)
        inbox = self._inbox()
        if match is None or not inbox:
            return False
        n = int(match.group(1))
        spec = (match.group(2) or match.group(3) or "").strip()
        if not 1 <= n <= len(inbox):
            if spec.isdigit() or " ".join(spec.casefold().split()) in ct.BUTTON_WORDS:
                self.say(ct.NO_SUCH_MESSAGE.format(n=n))
                return True
            return False  # "3 månader …": a question that starts with a number
        entry = inbox[n - 1]
        button = _button_for(entry.message.buttons, spec)
        if button is None:
            labels = ", ".join(f"{n}.{i} {b.label}" for i, b in enumerate(entry.message.buttons, start=1))
            self.say(ct.MESSAGE_BUTTONS.format(n=n, buttons=labels) if labels else ct.MESSAGE_NO_BUTTONS.format(n=n))
            return True
        entry.answered = True
        self.show_reply(self.lotsen.chat.action(self.actor, button.action_id, button.value, channel=CHANNEL))
        return True

    def show_message(self, message: Message) -> None:
        self.say(render_message(message))
        self.last_buttons = [(b.action_id, b.value) for b in message.buttons]
        self.last_shown = message

    def show_reply(self, reply: Reply) -> None:
        if reply.message is not None:
            self.show_message(reply.message)
        if reply.form is not None:
            self.fill_form(reply.form)

    # --- forms ------------------------------------------------------------------------------------

    def fill_form(self, form: Form) -> None:
        self.say(ct.FORM_START.format(title=form.title))
        if form.intro:
            self.say(form.intro)
        values: dict[str, str | None] = {}
        pending = list(form.fields)
        key = f"console:{uuid.uuid4().hex}"  # one submission: retrying after errors is the same form
        while True:
            for f in pending:
                answer = self.ask_field(f)
                if answer is None:
                    self.say(ct.FORM_CANCELLED)
                    return
                values[f.id] = answer
            result: FormResult = self.lotsen.chat.submit(
                self.actor, form.id, form.context, values, submission_key=key, channel=CHANNEL
            )
            if result.errors:
                self.say(ct.FORM_NEEDS_FIXING)
                for fid, error in result.errors.items():
                    label = next((f.label for f in form.fields if f.id == fid), fid)
                    self.say(f"  • {label}: {error}")
                pending = [f for f in form.fields if f.id in result.errors]
                continue
            if result.message is not None:
                self.show_message(result.message)
            if result.next_form is not None:
                self.fill_form(result.next_form)
            return

    def ask_field(self, f: FormField) -> str | None:
        """Ask until the answer passes the field's own checks; None when the person cancels."""
        if f.hint:
            self.say(f"  ({f.hint})")
        failures = 0
        while True:
            answer = self._prompt(f)
            if answer is None or answer.strip().lower() in CANCEL_WORDS:
                return None
            try:
                return self._interpret(f, answer.strip())
            except _Cancel:
                return None
            except _Retry as retry:
                failures += 1
                self.say(ct.FIELD_ERROR.format(error=str(retry)) + (ct.HOW_TO_CANCEL if failures >= 2 else ""))

    def _prompt(self, f: FormField) -> str | None:
        optional = "" if f.required else f" ({f.optional_note or ct.OPTIONAL})"
        if f.kind is FieldKind.CHOICE:
            self.say(f"{f.label}{optional}:")
            for i, o in enumerate(f.options, start=1):
                marker = " *" if o.value == f.initial else ""
                self.say(f"  {i}. {o.label}{marker}")
            return self.ask(ct.CHOOSE_NUMBER + (ct.CHOOSE_DEFAULT if f.initial else "") + ": ")
        if f.kind is FieldKind.DATE:
            default = f" [{f.initial}]" if f.initial else ""
            return self.ask(f"{f.label}{optional}{ct.DATE_PROMPT}{default}: ")
        if f.kind is FieldKind.USER:
            example = self._example_person(f)
            return self.ask(f"{f.label}{optional}{ct.USER_PROMPT.format(example=example)}: ")
        default = f" [{_short(f.initial)}]" if f.initial else ""
        return self.ask(f"{f.label}{optional}{default}: ")

    def _interpret(self, f: FormField, answer: str) -> str:
        if not answer:
            if f.initial:
                return f.initial
            if f.required:
                raise _Retry(ERR_REQUIRED)
            return ""
        if f.kind is FieldKind.CHOICE:
            return self._choice(f, answer)
        if f.kind is FieldKind.USER:
            return self._user(f, answer)
        if f.kind is FieldKind.DATE:
            named = day_word(answer, today_local())
            if named is not None:
                return named.isoformat()
        error = field_error(f, answer)
        if error:
            raise _Retry(error)
        return answer

    def _choice(self, f: FormField, answer: str) -> str:
        if answer.isdigit() and 1 <= int(answer) <= len(f.options):
            return f.options[int(answer) - 1].value
        folded = answer.casefold()
        for o in f.options:
            if folded in (o.value.casefold(), o.label.casefold()):
                return o.value
        raise _Retry(ct.NOT_AN_OPTION.format(answer=_echo(answer, ct.ANSWER_NOT_SHOWN.capitalize()), n=len(f.options)))

    def _example_person(self, f: FormField) -> str:
        """A name that this field accepts (the example must itself be valid)."""
        with self.lotsen.db.read() as session:
            candidates = [p for p in people_who_qualify(session, f.roles) if p.id != self.actor.id]
        return candidates[0].name if candidates else self.actor.name

    def _user(self, f: FormField, answer: str) -> str:
        with self.lotsen.db.read() as session:
            found = match_people(session, answer)
            allowed = people_who_qualify(session, f.roles)
        if not found:
            raise _Retry(ct.USER_NONE.format(text=_echo(answer), example=self._example_person(f)))
        fitting = [p for p in found if qualifies(p, f.roles)]
        if not fitting:
            roles = ct.ROLE_JOIN.join(f.roles) if f.roles else ct.EVERYONE
            examples = ", ".join(p.name for p in allowed[:5])
            raise _Retry(ct.USER_NOT_QUALIFIED.format(names=", ".join(p.name for p in found), roles=roles,
                                                      examples=examples))
        if len(fitting) == 1:
            chosen = fitting[0]
        else:
            self.say(ct.USER_SEVERAL.format(text=_echo(answer)))
            for i, p in enumerate(fitting, start=1):
                self.say(f"  {i}. {p.name} ({p.key})")
            pick = self.ask(ct.USER_CHOOSE)
            if pick is None or pick.strip().lower() in CANCEL_WORDS:
                raise _Cancel
            pick = pick.strip()
            if pick.isdigit() and 1 <= int(pick) <= len(fitting):
                chosen = fitting[int(pick) - 1]
            else:
                return self._user(f, pick)
        self.say(ct.USER_PICKED.format(name=chosen.name, key=chosen.key))
        return chosen.key

    # --- deliveries -------------------------------------------------------------------------------

    def deliver(self) -> None:
        self.dispatcher.run_once()
        for person_id, entries in list(self.sender.inbox.items()):
            if person_id == self.actor.id:
                self.show_new()
                continue
            new = len(entries) - self.announced.get(person_id, 0) - self.seen.get(person_id, 0)
            if new <= 0:
                continue
            with self.lotsen.db.read() as session:
                person = session.get(Person, person_id)
            if person is not None:
                self.say(ct.SENT_TO_OTHER.format(count=count(new, "meddelande"), name=person.name, key=person.key))
            self.announced[person_id] = self.announced.get(person_id, 0) + new

    def show_new(self) -> None:
        """The actor's messages not yet shown, with their inbox numbers; the inbox keeps them all."""
        assert self.actor.id is not None
        inbox = self._inbox()
        start = self.seen.get(self.actor.id, 0)
        if start >= len(inbox):
            return
        if all(entry.message == self.last_shown for entry in inbox[start:]):  # e.g. the receipt just shown
            self.say(ct.INBOX_COPY.format(numbers=", ".join(str(n) for n in range(start + 1, len(inbox) + 1))))
            self.seen[self.actor.id] = len(inbox)
            return
        self.say(ct.INBOX_NEW.format(count=count(len(inbox) - start, "nytt meddelande", "nya meddelanden"),
                                     example=self._example(start + 1)))
        self._show_entries(range(start, len(inbox)))

    def show_inbox(self) -> None:
        assert self.actor.id is not None
        inbox = self._inbox()
        if not inbox:
            self.say(ct.INBOX_EMPTY)
            return
        self.say(ct.INBOX_HEADER.format(count=count(len(inbox), "meddelande"), example=self._example(1)))
        self._show_entries(range(len(inbox)))

    def _example(self, n: int) -> str:
        inbox = self._inbox()
        buttons = inbox[n - 1].message.buttons if 0 < n <= len(inbox) else ()
        return f"{n}.{min(2, len(buttons))}" if buttons else f"{n}.1"

    def _show_entries(self, indexes: range) -> None:
        assert self.actor.id is not None
        inbox = self._inbox()
        for i in indexes:
            entry = inbox[i]
            self.say("")
            mark = f" {ct.INBOX_ANSWERED}" if entry.answered else ""
            self.say(f"[{i + 1}]{mark} " + render_message(entry.message, button_prefix=f"{i + 1}."))
            # A bare number still presses a button of the last message shown, as in a reply.
            self.last_buttons = [(b.action_id, b.value) for b in entry.message.buttons]
        self.seen[self.actor.id] = max(self.seen.get(self.actor.id, 0), indexes.stop)
        self.announced.pop(self.actor.id, None)


def _button_for(buttons: tuple[Button, ...], spec: str) -> Button | None:
    """A button by number (`2`), by the start of its label (`markera`), or by what it does (`klar`)."""
    if not spec:
        return None
    if spec.isdigit():
        index = int(spec) - 1
        return buttons[index] if 0 <= index < len(buttons) else None
    folded = " ".join(spec.casefold().split())
    for b in buttons:
        if b.label.casefold().startswith(folded):
            return b
    does = ct.BUTTON_WORDS.get(folded) or ct.BUTTON_WORDS.get(folded.split()[0])
    if does:
        for b in buttons:
            if b.action_id.rsplit(":", 1)[-1].endswith(does):
                return b
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def run_console(lotsen: Lotsen, user_key: str, stdin: TextIO, stdout: TextIO,
                on_start: Callable[[ConsoleSession], None] | None = None,
                planned_since: datetime | None = None) -> None:
    session = ConsoleSession(lotsen, stdin, stdout, user_key, planned_since)
    if on_start:
        on_start(session)
    session.run()
