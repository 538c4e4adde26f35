"""The console front end, driven through its stdin as a person would type."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import time_machine

from bot.adapters.console.session import run_console
from bot.app import Lotsen
from bot.lex_sarah.triage import load as load_triage
from tests.avvikelse.helpers import reports

FILE_REPORT = [
    "/avvikelse",
    "2026-12-08",      # händelsedatum
    "",                # enhet: keep the default (the reporter's own)
    "2",               # typ: organisatorisk
    "1",               # var/vem: intern
    "1",               # kategori
    "Journalanteckning fördes in för sent.",
    "Kollegor saknade information.",
    "Anteckningen fördes in samma dag.",
    "SN 2026/0412",
    *[""] * len(load_triage().questions),  # the lex Sarah triage questions are optional: skipped
]


def drive(lotsen: Lotsen, lines: list[str], user: str = "me.anna") -> str:
    out = io.StringIO()
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False):
        run_console(lotsen, user, io.StringIO("\n".join(lines) + "\n"), out)
    return out.getvalue()


def test_filing_in_the_console_stores_and_delivers_to_both_inboxes(lotsen: Lotsen) -> None:
    output = drive(lotsen, [*FILE_REPORT, "byt ec.maria", "inkorg", "2", "avsluta"])
    assert "Tack! Avvikelsen är mottagen" in output and "AVV-2026-0001" in output
    assert "Lotsen skickade 1 meddelande till Maria Enhet" in output
    assert "Ny avvikelse att utreda" in output  # Maria's inbox
    assert "-- Utredning av avvikelse --" in output  # she pressed [2] Starta utredning
    [report] = reports(lotsen)
    assert report.status == "under_utredning"


def test_errors_are_shown_per_field_and_only_those_fields_are_asked_again(lotsen: Lotsen) -> None:
    lines = list(FILE_REPORT)
    lines[1] = "2030-01-01"  # future date: a rule of the feature, checked when the form is sent
    # A personnummer is refused as soon as the field is answered, and the field is asked again.
    lines[6:7] = ["Barnet 19121212-1212 fick vänta", "Ett barn fick vänta på beslut."]
    output = drive(lotsen, [*lines, "2026-12-08", "avsluta"])
    assert "Händelsedatum: Händelsedatum kan inte ligga i framtiden." in output
    assert "✗ Texten ser ut att innehålla ett personnummer" in output
    assert "1212-1212" not in output.split("Vad hände?")[2]  # never echoed back
    [report] = reports(lotsen)
    assert report.what_happened == "Ett barn fick vänta på beslut." and report.event_date.isoformat() == "2026-12-08"


def test_cancelling_a_form_stores_nothing(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["/avvikelse", "2026-12-08", "avbryt", "avsluta"])
    assert "Formuläret avbröts; ingenting sparades." in output
    assert reports(lotsen) == []


def test_roles_and_refusals_are_visible_in_the_console(lotsen: Lotsen) -> None:
    output = drive(lotsen, [*FILE_REPORT, "byt hl.erik", "/avvikelse visa AVV-2026-0001", "byt nobody",
                            "personer", "vem", "1", "flyga drönare över parken", "hjälp", "avsluta"])
    assert "inte behörighet att se AVV-2026-0001" in output
    assert "Ingen i organisationen heter eller har id 'nobody'" in output
    assert "kv.petra" in output and "Du är Erik Handläggare (hl.erik; handläggare)" in output
    assert "Det finns ingen sådan knapp" in output
    assert "Jag hittar ingen rutin" in output and "byt <vem>" in output  # free text is a routine question


def test_a_plain_question_is_answered_from_the_catalogue_with_its_source(lotsen: Lotsen) -> None:
    from bot.demo.seed import ensure_demo_catalogue

    ensure_demo_catalogue(lotsen)
    output = drive(lotsen, ["vem beslutar att inte inleda utredning?", "1", "avsluta"])
    assert "Rutin för förhandsbedömning" in output and "Källa: forhandsbedomning.docx" in output
    assert "Tack! Återkopplingen" in output  # pressed 👍
    assert [f.document for f in lotsen.rutiner.feedback_summary()] == ["forhandsbedomning.docx"]


def test_end_of_input_ends_the_session(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["/avvikelse lista"])
    assert output.rstrip().endswith("Hej då!")


def test_lotsen_console_process_with_demo_data(tmp_path: Path) -> None:
    """The newcomer path: `lotsen console` on an empty SQLite file, demo organisation and data, stdin."""
    env = {"LOTSEN_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}", "PATH": "/usr/bin:/bin"}
    script = "/avvikelse lista\nbyt ec.maria\n/avvikelse lista\navsluta\n"
    result = subprocess.run([sys.executable, "-m", "bot.cli.main", "console"], input=script, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Lotsen i konsolen" in result.stdout
    maria = result.stdout.split("Du är nu Maria Enhet")[1]
    assert "Att utreda* (2)" in maria.replace("*", "") or "Att utreda (2)" in maria
    assert "AVV-" in maria


def test_the_console_never_takes_deliveries_planned_before_it_started(lotsen: Lotsen) -> None:
    """Pointed at a real database by mistake, the console must not mark Slack's reminders as sent."""
    from sqlmodel import select

    from bot.reminders import outbox
    from bot.ui.model import Message
    from storage.models import OutboxMessage, Person

    with time_machine.travel("2026-12-10 08:00 +01:00", tick=False), lotsen.db.session() as s:
        anna = s.exec(select(Person).where(Person.key == "me.anna")).one()
        outbox.plan(s, key="real:1", kind="test", recipient_id=anna.id or 0, message=Message(text="till Slack"))
    output = drive(lotsen, ["inkorg", "avsluta"])
    assert "till Slack" not in output and "Inkorgen är tom" in output
    with lotsen.db.session() as s:
        assert s.exec(select(OutboxMessage).where(OutboxMessage.key == "real:1")).one().status == "pending"


def test_an_answer_in_the_wrong_field_is_not_quoted_back_when_it_holds_a_personnummer(lotsen: Lotsen) -> None:
    # The text meant for "what happened", typed where the unit is asked for: it stays off the screen.
    misplaced = "Brukaren fick fel dos, pnr 19121212\u20131212"
    output = drive(lotsen, ["/avvikelse", "2026-12-08", misplaced, "avbryt", "avsluta"])
    assert "19121212" not in output
    assert "Det du skrev är inget av alternativen" in output
    short = drive(lotsen, ["/avvikelse", "2026-12-08", "flyga", "avbryt", "avsluta"])
    assert "'flyga' är inget av alternativen" in short


def test_a_greeting_or_thanks_is_answered_as_such_not_searched(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["hej", "Tack så mycket!", "hej, vem utreder en avvikelse?", "avsluta"])
    assert "Hej! Fråga vilken rutin som gäller" in output
    assert "Varsågod!" in output
    assert output.count("Hej! Fråga vilken rutin") == 1  # a question that starts with a greeting is searched


def test_avbryt_outside_a_form_says_there_is_nothing_to_cancel(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["avbryt", "avsluta"])
    assert "Inget formulär är öppet" in output
    assert "rutin" not in output.split("avbryt", 1)[-1].lower()  # not searched as a routine question


def test_a_name_as_case_reference_is_refused_as_soon_as_it_is_typed(lotsen: Lotsen) -> None:
    lines = list(FILE_REPORT)
    lines[9:10] = ["Kalle Anka", "SN 2026/0412"]  # refused at once, then asked again
    output = drive(lotsen, [*lines, "avsluta"])
    answered = output.split("Ärendereferens (valfri):")
    assert len(answered) == 3 and "✗ Ange bara ett diarienummer eller ärendenummer" in answered[1]
    assert "Formuläret behöver rättas" not in output  # nothing left to correct when the form is sent
    [report] = reports(lotsen)
    assert report.case_reference == "SN 2026/0412"
