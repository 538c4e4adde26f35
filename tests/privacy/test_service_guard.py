"""The guard runs in the service layer: calling a service directly (no form) with an identity number in any
spelling, or a control character, in any free-text field of any domain is refused and stores nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from sqlmodel import select

from bot.app import Lotsen
from bot.avvikelse.forms import InvestigationInput, MeasureInput, NewReport
from bot.errors import UserError
from bot.frist.service import RegisterInput
from bot.lex_sarah.forms import LexSarahInvestigation, NewLexSarah
from storage.models import AuditEntry, Avvikelse, Measure, Person
from storage.models.frist import CaseDeadline
from storage.models.lex_sarah import LexSarahReport

BAD = ["12 12 12 - 12 12", "barnet (pnr:121212\u20131212)", "121212\u00a01212", "1212\u200b12-1212",
       "ok text\x1b[31m"]
TODAY = date(2026, 12, 10)


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False) as traveller:
        yield traveller


def new_report(**overrides: Any) -> NewReport:
    base: dict[str, Any] = dict(event_date=TODAY, unit_code="MOTT", subject="organisatorisk", origin="intern",
                                category="Dokumentation", what_happened="Anteckning sent.", consequence="Info saknas.",
                                immediate_action="Fördes in.", case_reference="SN 2026/0412")
    return NewReport(**{**base, **overrides})


def count(lotsen: Lotsen, model: Any) -> int:
    with lotsen.db.read() as s:
        return len(list(s.exec(select(model))))


def refused(call: Any, field: str) -> None:
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.field == field
    assert "1212" not in caught.value.message


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("field", ["what_happened", "consequence", "immediate_action"])
def test_avvikelse_filing(lotsen: Lotsen, people: dict[str, Person], bad: str, field: str) -> None:
    refused(lambda: lotsen.avvikelser.file(people["me.anna"], new_report(**{field: bad}), submission_key="k",
                                           channel="t"), field)
    assert count(lotsen, Avvikelse) == 0


@pytest.mark.parametrize("ref", ["Kalle Anka", "121212\u20131212", "Lisa"])
def test_avvikelse_case_reference_must_look_like_one(lotsen: Lotsen, people: dict[str, Person], ref: str) -> None:
    refused(lambda: lotsen.avvikelser.file(people["me.anna"], new_report(case_reference=ref), submission_key="k",
                                           channel="t"), "case_reference")
    assert count(lotsen, Avvikelse) == 0


@pytest.fixture
def filed(lotsen: Lotsen, people: dict[str, Person]) -> str:
    return lotsen.avvikelser.file(people["me.anna"], new_report(), submission_key="k", channel="t").report.number


def snapshot(lotsen: Lotsen) -> Any:
    with lotsen.db.read() as s:
        return ([r.model_dump() for r in s.exec(select(Avvikelse))], len(list(s.exec(select(Measure)))),
                len(list(s.exec(select(AuditEntry)))))


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(("field", "attr"), [("inv_course", "course"), ("inv_what_went_wrong", "what_went_wrong"),
                                             ("inv_causes", "causes")])
def test_avvikelse_investigation(lotsen: Lotsen, people: dict[str, Person], filed: str, bad: str, field: str,
                                 attr: str) -> None:
    before = snapshot(lotsen)
    inv = InvestigationInput(**{"course": "a", "what_went_wrong": "b", "causes": "c", attr: bad},  # type: ignore[arg-type]
                             lex_sarah="nej", follow_up_date=None, close=False)
    refused(lambda: lotsen.avvikelser.save_investigation(people["ec.maria"], filed, inv, channel="t"), field)
    assert snapshot(lotsen) == before


@pytest.mark.parametrize("bad", BAD)
def test_avvikelse_measure_handover_and_reopen(lotsen: Lotsen, people: dict[str, Person], filed: str,
                                               bad: str) -> None:
    before = snapshot(lotsen)
    maria = people["ec.maria"]
    refused(lambda: lotsen.avvikelser.add_measure(maria, filed, MeasureInput(bad, "ec.maria", TODAY), channel="t"),
            "description")
    refused(lambda: lotsen.avvikelser.hand_over(maria, filed, "ec.jonas", bad, channel="t"), "reason")
    refused(lambda: lotsen.avvikelser.reopen(maria, filed, bad, channel="t"), "reason")
    assert snapshot(lotsen) == before


def lex_sarah(**overrides: Any) -> NewLexSarah:
    base: dict[str, Any] = dict(event_date=TODAY, noticed_date=TODAY, unit_code="MOTT", what_happened="Insats dröjde.",
                                consequence="Behov ej tillgodosett.", immediate_action="Startad.",
                                case_reference="SN 2026/0900")
    return NewLexSarah(**{**base, **overrides})


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("field", ["what_happened", "consequence", "immediate_action"])
def test_lex_sarah_filing(lotsen: Lotsen, people: dict[str, Person], bad: str, field: str) -> None:
    refused(lambda: lotsen.lex_sarah.file(people["me.anna"], lex_sarah(**{field: bad}), submission_key="k",
                                          channel="t"), field)
    refused(lambda: lotsen.lex_sarah.file(people["me.anna"], lex_sarah(case_reference="Kalle Anka"),
                                          submission_key="k", channel="t"), "case_reference")
    assert count(lotsen, LexSarahReport) == 0


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(("field", "attr"), [("inv_causes", "causes"), ("inv_happened_before", "happened_before"),
                                             ("inv_could_recur", "could_recur"), ("inv_measures", "measures"),
                                             ("assessment_motivation", "motivation")])
def test_lex_sarah_investigation(lotsen: Lotsen, people: dict[str, Person], bad: str, field: str, attr: str) -> None:
    number = lotsen.lex_sarah.file(people["me.anna"], lex_sarah(), submission_key="k", channel="t").report.number
    petra = people["kv.petra"]
    lotsen.lex_sarah.take(petra, number, channel="t")
    values: dict[str, Any] = {"causes": "a", "happened_before": "b", "could_recur": "c", "measures": "d",
                              "assessment": None, "motivation": "e", attr: bad}
    refused(lambda: lotsen.lex_sarah.save_investigation(petra, number, LexSarahInvestigation(**values), channel="t"),
            field)
    with lotsen.db.read() as s:
        report = s.exec(select(LexSarahReport)).one()
    assert report.inv_causes is None and report.assessment_motivation is None


@pytest.mark.parametrize("ref", [*BAD, "Kalle Anka", "Lisa S"])
def test_frist_case_reference(lotsen: Lotsen, people: dict[str, Person], ref: str) -> None:
    refused(lambda: lotsen.frister.register(people["hl.lina"], RegisterInput(ref, "utredning", TODAY), channel="t"),
            "case_ref")
    assert count(lotsen, CaseDeadline) == 0


@pytest.mark.parametrize("bad", BAD)
def test_frist_extension_reason(lotsen: Lotsen, people: dict[str, Person], bad: str) -> None:
    lina = people["hl.lina"]
    deadline = lotsen.frister.register(lina, RegisterInput("SN 2026/0412", "utredning", TODAY), channel="t")
    refused(lambda: lotsen.frister.extend(lina, deadline.id or 0, date(2027, 6, 1), bad, None, channel="t"), "reason")
    with lotsen.db.read() as s:
        assert s.exec(select(CaseDeadline)).one().extension_reason is None
