"""The console front end: a local chat in the terminal, for demos and for trying Lotsen without Slack.

You type what you would type in Slack (`/avvikelse`, `/avvikelse lista`, `hjälp`), answer forms field
by field, press buttons by number, and switch between demo users to see each role. Messages the bot
sends to other people land in their console inbox (`inkorg`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from bot.adapters.console.render import render_message, visible
from bot.app import Lotsen
from bot.chat.router import GENERAL_HELP
from bot.clock import today_local, utcnow
from bot.errors import UserError
from bot.org.directory import active_people, find_person
from bot.ui.model import FieldKind, Form, FormField, FormResult, Message, Reply
from storage.models import Person

CHANNEL = "console"

CONSOLE_HELP = """I konsolen finns också:
  personer        visa demoanvändarna och deras roller
  byt <id>        byt användare, t.ex. byt ec.maria
  vem             vem du är just nu
  inkorg          meddelanden som Lotsen skickat till dig
  <fråga>         allt som inte börjar med / är en fråga om rutiner, t.ex. vem utreder en avvikelse
  1, 2, …         tryck på en knapp i senaste meddelandet
  avsluta         avsluta konsolen
I ett formulär: lämna tomt för att hoppa över ett valfritt fält, skriv avbryt för att avbryta."""

CANCEL_WORDS = {"avbryt", "/avbryt"}
QUIT_WORDS = {"avsluta", "exit", "quit", "/avsluta"}


class ConsoleSender:
    """Outbox deliveries for the console: kept per person until they read their inbox."""

    def __init__(self) -> None:
        self.inbox: dict[int, list[Message]] = defaultdict(list)

    def can_reach(self, person: Person) -> bool:
        return person.id is not None

    def send(self, person: Person, message: Message) -> None:
        assert person.id is not None
        self.inbox[person.id].append(message)


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
        self.announced: dict[int, int] = {}  # inbox sizes already mentioned to the user

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

    def _person(self, key: str) -> Person:
        with self.lotsen.db.read() as session:
            person = find_person(session, key)
        if person is None:
            raise UserError(f"Ingen användare med id '{key}'. Skriv personer för att se vilka som finns.")
        return person

    # --- loop -------------------------------------------------------------------------------------

    def run(self) -> None:
        self.say("Lotsen i konsolen. Skriv hjälp för kommandon, avsluta för att sluta.")
        self.say(f"Du är {self._who()}.")
        while True:
            line = self.ask(f"\n[{self.actor.name}] > ")
            if line is None or line.strip().lower() in QUIT_WORDS:
                self.say("Hej då!")
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
        roles = ", ".join(self.actor.roles) or "inga roller"
        return f"{self.actor.name} ({self.actor.key}; {roles})"

    def handle(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        lower = word.lower()
        alone = not rest.strip()  # console words only count on their own ("vem" vs "vem utreder …")
        if alone and lower in ("hjälp", "hjalp", "help", "/hjälp", "/lotsen"):
            self.say(GENERAL_HELP)
            self.say(CONSOLE_HELP)
        elif lower in ("byt", "/som") and not alone:
            self.actor = self._person(rest.strip())
            self.last_buttons = []
            self.say(f"Du är nu {self._who()}.")  # their inbox, if any, follows right after
        elif alone and lower == "vem":
            self.say(f"Du är {self._who()}.")
        elif alone and lower == "personer":
            with self.lotsen.db.read() as session:
                for p in active_people(session):
                    self.say(f"  {p.key:<12} {p.name:<20} {', '.join(p.roles)}")
        elif alone and lower == "inkorg":
            self.show_inbox()
        elif (alone and lower.isdigit()) or (lower == "knapp" and not alone):
            self.press(rest.strip() if lower == "knapp" else lower)
        else:
            # "/avvikelse …" is a command; anything else is a question: which routine applies?
            self.show_reply(self.lotsen.chat.free_text(self.actor, line, channel=CHANNEL))

    def press(self, raw: str) -> None:
        try:
            index = int(raw) - 1
            action_id, value = self.last_buttons[index]
        except (ValueError, IndexError):
            self.say("Det finns ingen sådan knapp i senaste meddelandet.")
            return
        self.show_reply(self.lotsen.chat.action(self.actor, action_id, value, channel=CHANNEL))

    def show_message(self, message: Message) -> None:
        self.say(render_message(message))
        self.last_buttons = [(b.action_id, b.value) for b in message.buttons]

    def show_reply(self, reply: Reply) -> None:
        if reply.message is not None:
            self.show_message(reply.message)
        if reply.form is not None:
            self.fill_form(reply.form)

    # --- forms ------------------------------------------------------------------------------------

    def fill_form(self, form: Form) -> None:
        self.say(f"\n-- {form.title} -- (skriv avbryt för att avbryta)")
        if form.intro:
            self.say(form.intro)
        values: dict[str, str | None] = {}
        pending = list(form.fields)
        key = f"console:{uuid.uuid4().hex}"  # one submission: retrying after errors is the same form
        while True:
            for f in pending:
                answer = self.ask_field(f)
                if answer is None:
                    self.say("Formuläret avbröts; ingenting sparades.")
                    return
                values[f.id] = answer
            result: FormResult = self.lotsen.chat.submit(
                self.actor, form.id, form.context, values, submission_key=key, channel=CHANNEL
            )
            if result.errors:
                self.say("Formuläret behöver rättas; ingenting har sparats än:")
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
        optional = "" if f.required else " (valfri)"
        if f.hint:
            self.say(f"  ({f.hint})")
        if f.kind is FieldKind.CHOICE:
            self.say(f"{f.label}{optional}:")
            for i, o in enumerate(f.options, start=1):
                marker = " *" if o.value == f.initial else ""
                self.say(f"  {i}. {o.label}{marker}")
            answer = self.ask("  Välj nummer" + (" (Enter = *)" if f.initial else "") + ": ")
        elif f.kind is FieldKind.DATE:
            default = f" [{f.initial}]" if f.initial else ""
            answer = self.ask(f"{f.label}{optional} (ÅÅÅÅ-MM-DD eller idag){default}: ")
        elif f.kind is FieldKind.USER:
            answer = self.ask(f"{f.label}{optional} (användar-id, t.ex. tl.sara): ")
        else:
            default = f" [{_short(f.initial)}]" if f.initial else ""
            answer = self.ask(f"{f.label}{optional}{default}: ")
        if answer is None or answer.strip().lower() in CANCEL_WORDS:
            return None
        answer = answer.strip()
        if not answer and f.initial:
            return f.initial
        if f.kind is FieldKind.CHOICE and answer.isdigit():
            index = int(answer) - 1
            if 0 <= index < len(f.options):
                return f.options[index].value
        if f.kind is FieldKind.DATE and answer.lower() == "idag":
            return today_local().isoformat()
        return answer

    # --- deliveries -------------------------------------------------------------------------------

    def deliver(self) -> None:
        self.dispatcher.run_once()
        for person_id, messages in list(self.sender.inbox.items()):
            if person_id == self.actor.id:
                if messages:
                    self.show_inbox()
                continue
            new = len(messages) - self.announced.get(person_id, 0)
            if new <= 0:
                continue
            with self.lotsen.db.read() as session:
                person = session.get(Person, person_id)
            if person is not None:
                self.say(f"(Lotsen skickade {new} meddelande(n) till {person.name}; "
                         f"byt {person.key} och skriv inkorg för att läsa.)")
            self.announced[person_id] = len(messages)

    def show_inbox(self) -> None:
        assert self.actor.id is not None
        messages = self.sender.inbox.get(self.actor.id, [])
        if not messages:
            self.say("Inkorgen är tom.")
            return
        self.say(f"📬 {len(messages)} meddelande(n) från Lotsen:")
        for m in messages:
            self.say("")
            self.show_message(m)
        self.sender.inbox[self.actor.id] = []
        self.announced.pop(self.actor.id, None)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def run_console(lotsen: Lotsen, user_key: str, stdin: TextIO, stdout: TextIO,
                on_start: Callable[[ConsoleSession], None] | None = None,
                planned_since: datetime | None = None) -> None:
    session = ConsoleSession(lotsen, stdin, stdout, user_key, planned_since)
    if on_start:
        on_start(session)
    session.run()
