"""Lex Sarah: reported, taken, investigated and assessed, IVO when allvarligt, closed; seen only by those who must."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from bot.app import Lotsen
from storage.models import AuditEntry, Person
from storage.models.lex_sarah import LexSarahReport
from tests.lex_sarah.helpers import NUMBER, REPORT, act, outbox, submit

ASSESS = {"inv_causes": "Ingen bevakning av verkställighet.", "inv_happened_before": "Nej.",
          "inv_could_recur": "Ja, utan bevakning.", "inv_sources": "Aktgranskning.",
          "inv_measures": "Bevakningslista införs (EC, 2027-01-31).",
          "assessment_motivation": "Barnets behov blev inte tillgodosett under lång tid."}


def reports(lotsen: Lotsen) -> list[LexSarahReport]:
    with lotsen.db.session() as s:
        return list(s.exec(select(LexSarahReport)))


@pytest.fixture
def filed(lotsen: Lotsen, people: dict[str, Person]) -> str:
    result = submit(lotsen, people["hl.lina"], "lexsarah_new", REPORT)
    assert result.ok, result
    return NUMBER


def test_reporting_numbers_and_tells_only_the_responsible(lotsen: Lotsen, people: dict[str, Person],
                                                         filed: str) -> None:
    [report] = reports(lotsen)
    assert report.number == NUMBER and report.status == "mottagen" and report.investigator_id is None
    [receipt] = outbox(lotsen, "lexsarah_kvitto")
    assert receipt.recipient_id == people["hl.lina"].id
    [told] = outbox(lotsen, "lexsarah_ny")
    assert told.recipient_id == people["kv.petra"].id
    assert "insats" not in str(told.payload)  # number, unit and dates only


@pytest.mark.parametrize(("key", "audited"), [
    ("kv.petra", "visad"), ("vc.karin", "visad"), ("ec.maria", "visad"),  # ansvarig; VC and EC of the unit
    ("hl.lina", "visad_utfall"),  # the reporter: state and outcome only
    ("tl.sara", "nekad_visning"), ("me.anna", "nekad_visning"), ("ec.jonas", "nekad_visning"),  # other chefs too
])
def test_only_those_who_must_see_it(lotsen: Lotsen, people: dict[str, Person], filed: str, key: str,
                                    audited: str) -> None:
    shown = act(lotsen, people[key], "open").message
    assert ("inte behörighet" not in shown.text) == (audited != "nekad_visning")
    assert ("insats" in str(shown)) == (audited == "visad")  # the content: only to those who see everything
    with lotsen.db.session() as s:
        last = s.exec(select(AuditEntry).where(AuditEntry.entity_ref == NUMBER)
                      .order_by(col(AuditEntry.id).desc())).first()
    assert last is not None and last.action == audited


def test_kvalitetsenheten_as_such_does_not_see_it(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    with lotsen.db.session() as s:
        petra = s.exec(select(Person).where(Person.key == "kv.petra")).one()
        petra.roles = ["kvalitetsenhet"]
        s.add(petra)
        petra_now = petra
    assert "inte behörighet" in act(lotsen, petra_now, "open").message.text


def test_take_investigate_assess_report_to_ivo_and_close(lotsen: Lotsen, people: dict[str, Person],
                                                         filed: str) -> None:
    petra, lina = people["kv.petra"], people["hl.lina"]
    assert "Bara lex Sarah-ansvariga" in act(lotsen, people["vc.karin"], "take").message.text
    taken = act(lotsen, petra, "take")
    assert taken.form is not None and taken.form.id == "lexsarah_investigation"
    assert "utreds redan av Petra Kvalitet" in act(lotsen, petra, "take").message.text

    draft = submit(lotsen, petra, "lexsarah_investigation", {"inv_causes": "Utkast"})
    assert "sparad" in draft.message.text
    missing = submit(lotsen, petra, "lexsarah_investigation", {"assessment": "allvarligt"})
    assert set(missing.errors) == {"inv_causes", "inv_could_recur", "inv_sources", "assessment_motivation"}
    assessed = submit(lotsen, petra, "lexsarah_investigation", {**ASSESS, "assessment": "allvarligt"})
    assert "Anmäl snarast till IVO" in assessed.message.text
    [ivo] = outbox(lotsen, "lexsarah_ivo")
    assert ivo.recipient_id == petra.id and ivo.status == "pending"
    assert "allvarlig" not in str(ivo.payload).lower()  # a DM: no assessment

    assert "Registrera beslutet" in submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-10",
                                                                           "ivo_reference": "3.5.1-1/2026"}
                                           ).message.text
    decided = submit(lotsen, petra, "lexsarah_decision", {"decision_by": "utskott", "decided_on": "2026-12-10"})
    assert "registrerat" in decided.message.text
    not_yet = act(lotsen, petra, "close_confirm")
    assert "måste anmälas till IVO" in not_yet.message.text
    future = submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-11", "ivo_reference": "3.5.1-1/2026"})
    assert "framtiden" in future.errors["ivo_date"]
    sent = submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-10", "ivo_reference": "3.5.1-1/2026"})
    assert "registrerad" in sent.message.text
    assert outbox(lotsen, "lexsarah_ivo")[0].status == "cancelled"

    asked = act(lotsen, petra, "close")
    assert "Vill du avsluta" in asked.message.text
    assert reports(lotsen)[0].status == "anmäld_ivo"  # asking changes nothing
    closed = act(lotsen, petra, "close_confirm")
    assert "avslutad" in closed.message.text
    [report] = reports(lotsen)
    assert (report.status, report.assessment, report.ivo_reported_on.isoformat()) == (  # type: ignore[union-attr]
        "avslutad", "allvarligt", "2026-12-10")
    [told] = outbox(lotsen, "lexsarah_besked")
    assert told.recipient_id == lina.id and "Allvarligt" not in str(told.payload)  # a DM: state and a button
    outcome = act(lotsen, lina, "open").message
    assert ("Utfall", "Allvarligt missförhållande") in outcome.facts and outcome.private
    assert "Ingen bevakning" not in str(outcome) and "insats" not in str(outcome)
    late = submit(lotsen, petra, "lexsarah_investigation", {**ASSESS, "assessment": "inget"})
    assert "avslutad" in late.message.text


def test_bad_reports_are_explained_and_store_nothing(lotsen: Lotsen, people: dict[str, Person]) -> None:
    cases = [
        ({"what_happened": "Pojken 121212-1212 blev utan insats"}, "what_happened", "personnummer"),
        ({"noticed_date": "2026-12-01"}, "noticed_date", "före händelsen"),
        ({"event_date": "2026-12-24"}, "event_date", "framtiden"),
        ({"case_reference": "Kalle <x>"}, "case_reference", "diarienummer"),
        ({"consequence": ""}, "consequence", "måste fyllas i"),
    ]
    for change, field, expected in cases:
        result = submit(lotsen, people["hl.lina"], "lexsarah_new", {**REPORT, **change})
        assert expected in result.errors[field], (change, result)
    assert reports(lotsen) == []


def test_a_not_serious_assessment_needs_no_ivo(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    petra = people["kv.petra"]
    act(lotsen, petra, "take")
    submit(lotsen, petra, "lexsarah_investigation", {**ASSESS, "assessment": "inget"})
    assert outbox(lotsen, "lexsarah_ivo") == []
    refused = submit(lotsen, petra, "lexsarah_ivo", {"ivo_date": "2026-12-10", "ivo_reference": "x"})
    assert "inte bedömd som allvarlig" in refused.message.text
    submit(lotsen, petra, "lexsarah_decision", {"decision_by": "delegat", "decided_on": "2026-12-10"})
    assert "avslutad" in act(lotsen, petra, "close_confirm").message.text


def test_lists(lotsen: Lotsen, people: dict[str, Person], filed: str) -> None:
    responsible = lotsen.chat.command(people["kv.petra"], "lexsarah", "lista", channel="t").message
    reporter = lotsen.chat.command(people["hl.lina"], "lexsarah", "lista", channel="t").message
    assert responsible is not None and NUMBER in responsible.sections[0]
    assert reporter is not None and len(reporter.sections) == 1 and NUMBER in reporter.sections[0]
