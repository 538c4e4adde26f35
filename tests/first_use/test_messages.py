"""Issue 14, "Messages": one Swedish helper for counts, days and dates, and what it fixes."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.adapters.console.session import run_console
from bot.app import Lotsen
from bot.ui import phrases
from storage.models import Person
from tests.avvikelse.helpers import values


def test_counts_and_days_agree_in_number() -> None:
    assert phrases.count(1, "meddelande") == "1 meddelande"
    assert phrases.count(2, "meddelande") == "2 meddelanden"
    assert phrases.count(0, "avvikelse") == "0 avvikelser"
    assert phrases.days_ago(1) == "1 dag sedan" and phrases.days_ago(3) == "3 dagar sedan"
    assert phrases.in_days(1) == "om 1 dag" and phrases.in_days(0) == "idag"
    assert phrases.relative_day(date(2026, 12, 11), date(2026, 12, 10)) == "i morgon"
    assert phrases.relative_day(date(2026, 12, 9), date(2026, 12, 10)) == "igår"
    assert phrases.date_phrase(date(2026, 12, 1)) == "2026-12-01 (tis 1 dec 2026)"


@given(st.integers(min_value=0, max_value=10_000))
def test_never_one_with_a_plural(n: int) -> None:
    assert phrases.days(n).endswith(" dag") is (n == 1)
    assert phrases.count(n, "meddelande").endswith(" meddelande") is (n == 1)
    assert phrases.days_ago(n) in ("idag", f"{phrases.days(n)} sedan")


def test_routine_revision_says_one_day_ago(cli_db: str) -> None:
    from bot.cli.main import app
    from bot.rutiner.service import ReviewDue

    due = [ReviewDue(document="a.md", title="Rutin A", owner="Karin", valid_until=date(2026, 12, 9), days_left=-1)]
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("bot.rutiner.service.RoutineCatalogue.documents_due_for_review", lambda self, within_days: due)
        result = runner.invoke(app, ["rutiner", "revision"])
    assert result.exit_code == 0, result.output
    assert "(1 dag sedan)" in result.output and "dagar sedan" not in result.output


def test_no_parenthesis_inside_a_parenthesis() -> None:
    from bot.lex_sarah import texts

    text = texts.IVO_REGISTERED.format(number="LXS-2026-0001", date=phrases.date_phrase(date(2026, 12, 1)))
    assert "((" not in text and "))" not in text and "(2026-12-01 (" not in text


def drive(lotsen: Lotsen, lines: list[str], user: str = "me.anna", when: str = "2026-12-10 09:30 +01:00") -> str:
    out = io.StringIO()
    with time_machine.travel(when, tick=False):
        run_console(lotsen, user, io.StringIO("\n".join(lines) + "\n"), out)
    return out.getvalue()


def test_frist_typer_shows_no_backticks_in_the_console(lotsen: Lotsen) -> None:
    output = drive(lotsen, ["/frist typer", "avsluta"])
    assert "forhandsbedomning" in output and "`" not in output


def test_statistics_print_swedish_labels(cli_db: str) -> None:
    from bot.app import build
    from bot.cli.main import app
    from bot.config import get_settings
    from bot.demo.seed import ensure_demo

    lotsen = build(get_settings())
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False):
        ensure_demo(lotsen)
    lotsen.db.dispose()
    result = CliRunner().invoke(app, ["export", "statistik"])
    assert result.exit_code == 0, result.output
    assert "Personärende" in result.output and "Intern" in result.output and "Mottagen" in result.output
    for raw in ("personarende", "organisatorisk", "extern_inkommande", "under_utredning", "avslutad "):
        assert raw not in result.output


CLOSE = {"inv_course": "a", "inv_what_went_wrong": "b", "inv_causes": "c", "inv_lex_sarah": "nej",
         "inv_follow_up_date": "2026-12-17", "decision": "avsluta"}


def test_after_a_snooze_the_list_shows_the_follow_up_once_with_the_new_date(
    lotsen: Lotsen, people: dict[str, Person]
) -> None:
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False):
        lotsen.chat.submit(people["me.anna"], "avvikelse_new", {}, values(), submission_key="f", channel="t")
        lotsen.chat.submit(people["ec.maria"], "avvikelse_investigation", {"number": "AVV-2026-0001"}, CLOSE,
                           submission_key="c", channel="t")
        lotsen.chat.submit(people["ec.maria"], "avvikelse_confirm_close", {"number": "AVV-2026-0001"},
                           {"answer": "avsluta"}, submission_key="cc", channel="t")
    [(follow_up, _)] = lotsen.avvikelser.overview(people["ec.maria"]).follow_ups
    with time_machine.travel("2026-12-17 08:05 +01:00", tick=False):
        lotsen.chat.action(people["ec.maria"], "avvikelse:followup_snooze", str(follow_up.id), channel="t")
        listing = lotsen.chat.command(people["ec.maria"], "/avvikelse", "lista", channel="t").message
    assert listing is not None
    text = "\n".join(listing.sections)
    assert text.count("AVV-2026-0001 · samlad uppföljning") == 1
    assert "2026-12-28" in text and "dags nu" not in text
