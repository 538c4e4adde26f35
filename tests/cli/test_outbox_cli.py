"""`lotsen utkorg status`, `lotsen påminnelser plan --till`, `lotsen digest --för`: what those who run
Lotsen see. Never message content."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from sqlalchemy import update
from sqlmodel import select
from typer.testing import CliRunner

from bot.app import Lotsen
from bot.cli.main import app
from bot.frist.service import RegisterInput
from bot.reminders import outbox
from bot.ui.model import Message
from storage.models import Person
from tests.conftest import make_lotsen


@pytest.fixture
def core(cli_db: str) -> Iterator[Lotsen]:
    lotsen = make_lotsen(cli_db)
    yield lotsen
    lotsen.db.dispose()


def person(lotsen: Lotsen, key: str) -> Person:
    with lotsen.db.read() as s:
        return s.exec(select(Person).where(Person.key == key)).one()


def test_outbox_status_counts_and_names_what_failed_without_content(runner: CliRunner, core: Lotsen) -> None:
    lina = person(core, "hl.lina")
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False), core.db.session() as s:
        for i in range(4):
            outbox.plan(s, key=f"k:{i}", kind="frist_fore", recipient_id=lina.id or 0,
                        message=Message(text="HEMLIGT INNEHÅLL"), reference=f"F-{i} SN 2026/000{i}")
        s.execute(update(outbox.OUTBOX).where(outbox.OUTBOX.c.key == "k:0")
                  .values(status="failed", attempts=8, last_error="TemporaryFailure: Slack 500"))
        s.execute(update(outbox.OUTBOX).where(outbox.OUTBOX.c.key == "k:1")
                  .values(status="set_aside", crashes=3, last_error="avbröts utan svar 3 gånger"))
        s.execute(update(outbox.OUTBOX).where(outbox.OUTBOX.c.key == "k:2").values(status="sent"))
    with time_machine.travel("2026-12-01 10:30 +01:00", tick=False):
        result = runner.invoke(app, ["utkorg", "status"])
        as_json = runner.invoke(app, ["utkorg", "status", "--json"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 väntar" in out and "1 skickade" in out and "1 misslyckade" in out and "1 lagda åt sidan" in out
    assert "äldsta skulle ha skickats 2026-12-01 09:00 (för 1 h 30 min sedan)" in out
    assert "misslyckad · frist_fore · F-0 SN 2026/0000 · till Lina Handläggare (hl.lina)" in out
    assert "Slack 500" in out and "åt sidan" in out and "HEMLIGT" not in out
    data = json.loads(as_json.output)
    assert data["counts"]["failed"] == 1 and data["oldest_age_seconds"] == 5400
    assert {p["status"] for p in data["problems"]} == {"failed", "set_aside"}
    assert "HEMLIGT" not in as_json.output


def test_reminder_plan_preview_per_day(runner: CliRunner, core: Lotsen) -> None:
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        core.frister.register(person(core, "hl.lina"), RegisterInput("SN 2026/0001", "forhandsbedomning",
                                                                     date(2026, 11, 25)), channel="t")
        result = runner.invoke(app, ["påminnelser", "plan", "--till", "2026-12-10"])
        ascii_alias = runner.invoke(app, ["paminnelser", "plan", "--till", "2026-12-10", "--json"])
        bad = runner.invoke(app, ["påminnelser", "plan", "--till", "10/12"])
        past = runner.invoke(app, ["påminnelser", "plan", "--till", "2026-11-01"])
    assert result.exit_code == 0, result.output
    # Due Wed 9 Dec: reminded three working days before, on the day, and the morning after if still open.
    assert "2026-12-04 fre: frist_fore 1;" in result.output and "2026-12-09 ons: frist_dag 1;" in result.output
    assert "2026-12-10 tors: frist_forsenad 1;" in result.output and "2026-12-01" not in result.output
    assert "ärendegenomgång till 1 teamledare (tl.sara)" in result.output
    data = json.loads(ascii_alias.output)
    assert data["dagar"]["2026-12-04"]["planerade"] == {"frist_fore": 1}
    assert bad.exit_code == 2 and "ÅÅÅÅ-MM-DD" in bad.output and "Traceback" not in bad.output
    assert past.exit_code == 2 and "före i dag" in past.output


def test_digest_preview_for_a_teamledare(runner: CliRunner, core: Lotsen) -> None:
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        core.frister.register(person(core, "hl.lina"), RegisterInput("SN 2026/0001", "forhandsbedomning",
                                                                     date(2026, 11, 16)), channel="t")
        result = runner.invoke(app, ["digest", "--för", "tl.sara", "--datum", "2026-12-01"])
        ascii_alias = runner.invoke(app, ["digest", "--for", "sara.team@demo.lotsen.se", "--datum", "2026-12-01"])
        weekend = runner.invoke(app, ["digest", "--för", "tl.sara", "--datum", "2026-12-05"])
        not_lead = runner.invoke(app, ["digest", "--för", "hl.lina", "--datum", "2026-12-01"])
        unknown = runner.invoke(app, ["digest", "--för", "nobody", "--datum", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "Teamets frister idag" in result.output and "SN 2026/0001" in result.output
    assert "Lina Handläggare: 1 passerade" in result.output and "flik Hem" in result.output
    assert ascii_alias.output == result.output
    assert weekend.exit_code == 0 and "inte en arbetsdag" in weekend.output
    assert not_lead.exit_code == 2 and "inte teamledare" in not_lead.output
    assert unknown.exit_code == 2 and "Ingen aktiv person" in unknown.output
