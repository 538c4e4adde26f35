"""Issue 14, "The console": one numbered inbox whose buttons stay usable; an empty database explained."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import time_machine
from sqlmodel import select

from bot.adapters.console.session import ConsoleSender, run_console
from bot.app import Lotsen
from bot.lex_sarah.triage import load as load_triage
from storage.models import FollowUp, Person
from tests.avvikelse.helpers import values

CLOSE = {"inv_course": "a", "inv_what_went_wrong": "b", "inv_causes": "c", "inv_lex_sarah": "nej",
         "inv_follow_up_date": "2026-12-17", "decision": "avsluta"}

TRIAGE_SKIPPED = [""] * len(load_triage().questions)  # the lex Sarah triage questions are optional


def two_follow_up_reminders(lotsen: Lotsen, people: dict[str, Person]) -> None:
    """Two closed reports, each with a follow-up on 17 Dec: two reminders for Maria that morning."""
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False):
        for n in (1, 2):
            lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key=f"f{n}", channel="t")
            number = f"AVV-2026-000{n}"
            lotsen.chat.submit(people["ec.maria"], "avvikelse_investigation", {"number": number}, CLOSE,
                               submission_key=f"i{n}", channel="t")
            lotsen.chat.submit(people["ec.maria"], "avvikelse_confirm_close", {"number": number},
                               {"answer": "avsluta"}, submission_key=f"c{n}", channel="t")
        lotsen.dispatcher([ConsoleSender()]).run_once()  # the day's messages (assigned, feedback) are read


def drive_at(lotsen: Lotsen, lines: list[str], when: str, user: str) -> str:
    from datetime import datetime

    out = io.StringIO()
    with time_machine.travel(when, tick=False):
        run_console(lotsen, user, io.StringIO("\n".join(lines) + "\n"), out,
                    planned_since=datetime.fromisoformat("2026-12-01T00:00:00+00:00"))
    return out.getvalue()


def statuses(lotsen: Lotsen) -> list[tuple[str, object]]:
    with lotsen.db.read() as s:
        return [(f.status, f.remind_on) for f in s.exec(select(FollowUp).order_by(FollowUp.id))]


def test_both_reminders_can_be_acted_on_from_one_numbered_inbox(lotsen: Lotsen, people: dict[str, Person]) -> None:
    two_follow_up_reminders(lotsen, people)
    output = drive_at(lotsen, ["inkorg", "1 klar", "2 skjut upp", "inkorg", "avsluta"],
                      "2026-12-17 08:30 +01:00", "ec.maria")
    assert "[1] == Dags för uppföljning ==" in output and "[2] == Dags för uppföljning ==" in output
    assert "[1.2] Markera uppföljd" in output and "[2.3] Påminn om en vecka" in output
    assert "Uppföljningen av AVV-2026-0001 är markerad som klar." in output
    assert "Du påminns igen" in output
    assert "Inkorgen är tom" not in output  # the inbox keeps its messages, marked as answered
    assert output.count("(besvarat)") >= 2
    [first, second] = statuses(lotsen)
    assert first[0] == "klar" and second[0] == "planerad" and second[1] is not None


def test_numbers_and_labels_press_the_same_buttons(lotsen: Lotsen, people: dict[str, Person]) -> None:
    two_follow_up_reminders(lotsen, people)
    output = drive_at(lotsen, ["inkorg", "2.2", "1 markera", "1 flyga", "9 klar", "avsluta"],
                      "2026-12-17 08:30 +01:00", "ec.maria")
    assert "Uppföljningen av AVV-2026-0002 är markerad som klar." in output
    assert "Uppföljningen av AVV-2026-0001 är markerad som klar." in output
    assert "Meddelande 1 har knapparna: 1.1 Visa, 1.2 Markera uppföljd" in output
    assert "Det finns inget meddelande 9 i din inkorg" in output


def test_switching_user_shows_new_messages_and_the_inbox_still_has_them(
    lotsen: Lotsen, people: dict[str, Person]
) -> None:
    output = drive_at(lotsen, ["/avvikelse", "2026-12-08", "", "2", "1", "1", "Sent.", "Saknad info.", "Fört in.",
                               "", *TRIAGE_SKIPPED, "byt ec.maria", "inkorg", "avsluta"],
                      "2026-12-10 09:30 +01:00", "me.anna")
    after_switch = output.split("Du är nu Maria Enhet")[1]
    assert "1 nytt meddelande till dig" in after_switch
    inbox = after_switch.split("[Maria Enhet] >")[1]
    assert "Inkorgen: 1 meddelande" in inbox and "Ny avvikelse att utreda" in inbox


def test_no_demo_on_an_empty_database_says_how_to_import_an_organisation(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "LOTSEN_"))}
    env["LOTSEN_DATABASE_URL"] = f"sqlite:///{tmp_path / 'tom.db'}"
    result = subprocess.run([sys.executable, "-m", "bot.cli.main", "console", "--ingen-demo"], input="avsluta\n",
                            env=env, capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 2
    assert "har ingen organisation" in result.stderr and "lotsen org import" in result.stderr
    assert "docs/organisation.md" in result.stderr and "utan --ingen-demo" in result.stderr
    assert "Skriv personer" not in result.stderr and "Traceback" not in result.stderr
