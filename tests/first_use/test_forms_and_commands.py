"""Issue 14, "Forms and commands": fields checked as answered, idag, permission before questions,
closing with nothing required hidden, case import separators, and the rutiner/byt commands."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.adapters.console.session import run_console
from bot.app import Lotsen
from bot.lex_sarah.triage import load as load_triage
from bot.ui.validation import date_error
from storage.models import Person
from tests.avvikelse.helpers import audit, reports, values

NOW = "2026-12-10 09:30 +01:00"

TRIAGE_SKIPPED = [""] * len(load_triage().questions)  # the lex Sarah triage questions are optional


def drive(lotsen: Lotsen, lines: list[str], user: str = "me.anna") -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        run_console(lotsen, user, io.StringIO("\n".join(lines) + "\n"), out)
    return out.getvalue()


# --- every field checked as it is answered ----------------------------------------------------------


def test_a_date_not_in_the_calendar_is_refused_at_once_and_asked_again(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["/avvikelse", "2026-02-30", "igår", "avbryt", "avsluta"])
    before_unit = output.split("Enhet:")[0]
    assert "✗ 2026-02-30 finns inte i kalendern" in before_unit  # said at once, before the next field
    assert "Skriv datumet som ÅÅÅÅ-MM-DD" not in output  # the form was right; the day does not exist
    # Asked again once; igår is then taken as a date (2026-12-09) and the unit comes next.
    assert before_unit.count("Händelsedatum (ÅÅÅÅ-MM-DD") == 2 and "Enhet:" in output


def test_a_date_typed_as_the_unit_is_refused_at_once(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["/avvikelse", "2026-12-08", "2026-12-08", "avbryt", "avsluta"])
    assert "✗ '2026-12-08' är inget av alternativen. Välj ett nummer mellan 1 och" in output


def test_a_whole_report_with_idag_and_igår(lotsen: Lotsen) -> None:
    lines = ["/avvikelse", "igår", "", "2", "1", "1", "Anteckning sent.", "Saknad information.", "Fört in.", "",
             *TRIAGE_SKIPPED, "avsluta"]
    output = drive(lotsen, lines)
    assert "Tack! Avvikelsen är mottagen" in output
    [report] = reports(lotsen)
    assert report.event_date.isoformat() == "2026-12-09"


def test_frist_beräkna_takes_idag(lotsen: Lotsen, people: dict[str, Person]) -> None:
    with time_machine.travel(NOW, tick=False):
        reply = lotsen.chat.command(people["hl.lina"], "frist", "beräkna utredning idag", channel="t")
    assert reply.message is not None and "2026-12-10" in str(reply.message.facts)


def test_frist_beräkna_in_the_cli_takes_idag() -> None:
    from bot.cli.main import app

    with time_machine.travel(NOW, tick=False):
        result = CliRunner().invoke(app, ["frist", "beräkna", "utredning", "idag"])
    assert result.exit_code == 0, result.output
    assert "sista dag" in result.output


# --- permission before questions --------------------------------------------------------------------


def file_and_close(lotsen: Lotsen, people: dict[str, Person]) -> str:
    with time_machine.travel(NOW, tick=False):
        lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f", channel="t")
        inv = {"inv_course": "a", "inv_what_went_wrong": "b", "inv_causes": "c", "inv_lex_sarah": "nej",
               "decision": "avsluta"}
        lotsen.chat.submit(people["ec.maria"], "avvikelse_investigation", {"number": "AVV-2026-0001"}, inv,
                           submission_key="i", channel="t")
        lotsen.chat.submit(people["ec.maria"], "avvikelse_confirm_close", {"number": "AVV-2026-0001"},
                           {"answer": "avsluta"}, submission_key="c", channel="t")
    return "AVV-2026-0001"


def test_a_medarbetare_reopening_is_refused_before_any_question(lotsen: Lotsen, people: dict[str, Person]) -> None:
    number = file_and_close(lotsen, people)
    output = drive(lotsen, [f"/avvikelse öppna {number}", "avsluta"])
    assert "Bara utredande chef eller verksamhetschefen" in output
    assert "Öppna utredningen igen --" not in output and "Skäl" not in output
    assert audit(lotsen, number)[-1].action == "nekad_oppning"


def test_handing_over_is_refused_before_any_question(lotsen: Lotsen, people: dict[str, Person]) -> None:
    with time_machine.travel(NOW, tick=False):
        lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f", channel="t")
        reply = lotsen.chat.action(people["me.anna"], "avvikelse:handover", "AVV-2026-0001", channel="t")
    assert reply.form is None and reply.message is not None and "Bara utredande chef" in reply.message.text


# --- closing an investigation -----------------------------------------------------------------------


def test_what_closing_needs_is_shown_from_the_start(lotsen: Lotsen, people: dict[str, Person]) -> None:
    with time_machine.travel(NOW, tick=False):
        lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f", channel="t")
    output = drive(lotsen, ["/avvikelse utred AVV-2026-0001", "avbryt", "avsluta"], user="ec.maria")
    assert "Händelseförlopp (krävs för att avsluta)" in output
    assert "Händelseförlopp (valfri)" not in output


def test_closing_without_a_measure_asks_first_and_can_add_one(lotsen: Lotsen, people: dict[str, Person]) -> None:
    with time_machine.travel(NOW, tick=False):
        lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f", channel="t")
    lines = ["/avvikelse utred AVV-2026-0001", "Förloppet.", "Felet.", "Orsaken.", "1", "",
             "3",      # Avsluta utredningen och återkoppla
             "2",      # no: add a measure first
             "Ta upp rutinen på APT.", "Sara", "2027-01-15",
             "/avvikelse utred AVV-2026-0001", "", "", "", "", "", "3", "avsluta"]
    output = drive(lotsen, lines, user="ec.maria")
    assert "har inga åtgärder" in output and "Vill du avsluta ändå?" in output
    assert "→ Sara Team (tl.sara)" in output and "Åtgärden är tillagd" in output
    assert "AVV-2026-0001 är avslutad" in output
    [report] = reports(lotsen)
    assert report.status == "avslutad"


def test_closing_without_a_measure_when_confirmed(lotsen: Lotsen, people: dict[str, Person]) -> None:
    number = file_and_close(lotsen, people)
    [report] = reports(lotsen)
    assert number == report.number and report.status == "avslutad"


# --- case import ------------------------------------------------------------------------------------

CSV = ("Diarienummer{d}Frist{d}Startdatum{d}Handläggare{d}Status\n"
       "SN 2026/0412{d}Förhandsbedömning{d}2026-11-16{d}hl.lina{d}Pågående\n")


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_case_import_finds_the_separator(cli_db: str, tmp_path: Path, delimiter: str) -> None:
    from bot.cli.main import app
    from tests.conftest import make_lotsen

    make_lotsen(cli_db).db.dispose()
    file = tmp_path / "arenden.csv"
    file.write_text(CSV.format(d=delimiter), encoding="utf-8")
    with time_machine.travel(NOW, tick=False):
        result = CliRunner().invoke(app, ["import", "ärenden", str(file)])
    assert result.exit_code == 0, result.output
    assert "1 skapad" in result.output and "inte semikolon (;)" in result.output


def test_a_multi_character_delimiter_is_refused_clearly(cli_db: str, tmp_path: Path) -> None:
    from bot.cli.main import app

    mapping = Path("bot/frist/sample/mappning.yml").read_text(encoding="utf-8").replace(
        'avgransare: ";"', 'avgransare: ";;"')
    (tmp_path / "m.yml").write_text(mapping, encoding="utf-8")
    file = tmp_path / "arenden.csv"
    file.write_text(CSV.format(d=";"), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "ärenden", str(file), "--mappning", str(tmp_path / "m.yml")])
    assert result.exit_code == 2
    assert "avgransare ska vara ett enda tecken" in result.output and "';;'" in result.output


def test_missing_columns_say_which_separator_was_used(cli_db: str, tmp_path: Path) -> None:
    from bot.cli.main import app

    file = tmp_path / "arenden.csv"
    file.write_text("Nummer,Typ\nSN 1,Utredning\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "ärenden", str(file)])
    assert result.exit_code == 2
    assert "Kolumner saknas" in result.output and "avgränsaren semikolon (;)" in result.output


# --- rutiner and byt --------------------------------------------------------------------------------


def test_indexing_a_file_says_it_is_a_file(cli_db: str) -> None:
    from bot.cli.main import app

    result = CliRunner().invoke(app, ["rutiner", "indexera", "README.md"])
    assert result.exit_code == 2
    assert "README.md är en fil, inte en mapp" in result.output and "finns inte" not in result.output


def test_searching_with_a_personnummer_is_refused(cli_db: str) -> None:
    from bot.cli.main import app

    result = CliRunner().invoke(app, ["rutiner", "sök", "vad gäller för 19121212-1212"])
    assert result.exit_code == 2
    assert "personnummer" in result.output and "1212-1212" not in result.output


def test_byt_without_a_name_explains_itself(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["byt", "avsluta"])
    assert "Skriv byt och vem du vill vara" in output
    assert "rutin" not in output.split("[Anna Medarbetare] >")[1].lower()


# --- the field checks as parsers --------------------------------------------------------------------


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_real_date_passes(day: date) -> None:
    assert date_error(day.isoformat()) is None


@given(st.text(max_size=30))
def test_any_text_gets_an_answer_never_an_exception(raw: str) -> None:
    error = date_error(raw)
    if error is None:
        assert date.fromisoformat(raw.strip()) >= date(2000, 1, 1)
    else:
        assert error.strip()


@given(st.integers(min_value=2000, max_value=2100), st.integers(1, 12), st.integers(29, 39))
def test_a_day_beyond_the_month_is_named(year: int, month: int, day: int) -> None:
    raw = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        date.fromisoformat(raw)
    except ValueError:
        assert date_error(raw) == f"{raw} finns inte i kalendern. Skriv ett datum som finns, t.ex. 2026-11-20."


def test_slack_shows_what_closing_needs_under_each_optional_field() -> None:
    from bot.adapters.slack.blocks import modal
    from bot.avvikelse.forms import investigation_form
    from storage.models import Avvikelse

    view = modal(investigation_form(Avvikelse(number="AVV-2026-0001")))  # type: ignore[call-arg]
    course = next(b for b in view["blocks"] if b.get("block_id") == "inv_course")
    assert course["optional"] is True and course["hint"]["text"] == "Krävs för att avsluta."
