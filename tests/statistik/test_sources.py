"""What the statistics read from rows written by the real services: decision dates, lex Sarah timings,
and a lex Sarah model without a field (the workflow is being extended: absent fields are said, not guessed)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bot.app import Lotsen
from bot.frist.service import RegisterInput
from bot.lex_sarah.forms import DecisionInput, IvoInput, LexSarahInvestigation, NewLexSarah
from bot.statistik import periods, source
from bot.statistik.exports import frist_rows
from bot.statistik.report import Scope, build
from bot.statistik.service import StatistikService, labels
from storage.models import Person

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=STOCKHOLM)


def test_a_decision_counts_from_the_date_the_handlaggare_gave(lotsen: Lotsen, people: dict[str, Person]) -> None:
    lina = people["hl.lina"]
    with time_machine.travel(at("2026-03-02"), tick=False):
        fhb = lotsen.frister.register(lina, RegisterInput("SN 2026/0001", "forhandsbedomning", date(2026, 3, 2)),
                                      channel="t")
    with time_machine.travel(at("2026-03-25"), tick=False):  # registered late, decided in time
        lotsen.frister.decide_forhandsbedomning(lina, fhb.id or 0, "inleda", date(2026, 3, 12), channel="t")
        rows = {r["frist"]: r for r in frist_rows(lotsen.db, date(2026, 3, 25))}
    first = rows[f"F-{fhb.id}"]
    assert first["beslut_eller_avslut"] == "2026-03-12" and first["mot_fristen"] == "inom"
    assert first["handlaggare"] == "Lina Handläggare" and first["enhet_kod"] == "MOTT"
    assert "SN 2026/0001" not in str(rows)  # no case reference in the export
    follow = next(r for r in rows.values() if r["typ"] == "utredning")
    assert (follow["startdatum"], follow["mot_fristen"], follow["beslut_eller_avslut"]) == (
        "2026-03-12", "pagaende", None)


def lex_report(lotsen: Lotsen, who: Person, n: int) -> str:
    filed = lotsen.lex_sarah.file(who, NewLexSarah(date(2026, 3, 1), date(2026, 3, 2), "MOTT", "Händelse.",
                                                   "Följd.", "Åtgärd.", None), submission_key=f"lx{n}", channel="t")
    return filed.report.number


def test_lex_sarah_days_to_decision_and_to_ivo(lotsen: Lotsen, people: dict[str, Person]) -> None:
    petra = people["kv.petra"]
    with time_machine.travel(at("2026-03-02"), tick=False):
        numbers = [lex_report(lotsen, people["hl.lina"], n) for n in range(3)]
    for n, number in enumerate(numbers):
        with time_machine.travel(at("2026-03-02") + timedelta(days=10 + n), tick=False):
            lotsen.lex_sarah.take(petra, number, channel="t")
            lotsen.lex_sarah.save_investigation(petra, number, LexSarahInvestigation(
                "Orsak.", "Nej.", "Ja.", "Åtgärd.", "allvarligt", "Motivering."), channel="t")
    with time_machine.travel(at("2026-03-20"), tick=False):
        for n, number in enumerate(numbers):
            # The decision (nämnd, utskott or delegat) comes before the IVO anmälan.
            lotsen.lex_sarah.record_decision(petra, number, DecisionInput("namnd", None, date(2026, 3, 14)),
                                             channel="t")
            lotsen.lex_sarah.register_ivo(petra, number, IvoInput(date(2026, 3, 14 + n), f"IVO 3.1.1-{n}"),
                                          channel="t")
    with time_machine.travel(at("2026-05-01"), tick=False):
        report = StatistikService(lotsen.db, lotsen.settings).report(periods.parse("2026T1"))
    summary = {row[0]: row[1] for row in report.table("nyckeltal").rows}
    assert summary["Lex Sarah-rapporter"] == 3 and summary["Anmälda till IVO"] == 3
    assert summary["Median dagar till ställningstagande"] == 11.0  # 10, 11, 12 days
    assert summary["Median dagar till anmälan till IVO"] == 13.0  # 12, 13, 14 days
    assert report.table("lexsarah").rows == (("Allvarligt missförhållande", 3),)


def test_a_missing_lex_sarah_field_is_reported_as_absent(lotsen: Lotsen, people: dict[str, Person],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "LXS_IVO_FIELDS", ("ivo_field_of_a_later_version",))
    with time_machine.travel(at("2026-03-02"), tick=False):
        lex_report(lotsen, people["hl.lina"], 9)
        with lotsen.db.read() as session:
            data = source.load(session, date(2026, 1, 1), date(2026, 12, 31))
        report = build(data, periods.parse("2026T1"), Scope("Alla enheter", None), date(2026, 3, 2), labels())
    assert data.lex_missing == ("anmälan till IVO",)
    text = next(s for s in report.sections if s.key == "lexsarah").text
    assert "Uppgiften anmälan till IVO finns inte i den här versionen" in text
