"""docs/behorighet.md, row by row, against the policy code, in an organisation with two verksamhetsområden and a
team below a unit (so the walk up the unit tree goes more than one level). Every view and refusal is audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlmodel import col, select

from bot.app import Lotsen, build
from bot.avvikelse.forms import InvestigationInput, MeasureInput, NewReport
from bot.config import Settings
from bot.errors import UserError
from bot.frist.service import RegisterInput
from bot.lex_sarah.forms import NewLexSarah
from bot.org.importer import import_org
from storage.models import AuditEntry, FollowUp, Person
from tests.support.two_areas import write_two_areas

TODAY = date(2026, 12, 10)
EVERYONE = ["vc.karin", "ec.maria", "ec.jonas", "tl.sara", "tl.omar", "hl.lina", "hl.erik", "me.anna", "kv.petra",
            "vc.olle", "ec.stina", "hl.vux", "hl.deep"]


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-12-10 09:30 +01:00", tick=False):
        yield


@pytest.fixture
def org(sqlite_url: str, tmp_path: Path) -> Iterator[Lotsen]:
    lotsen = build(Settings(database_url=sqlite_url), migrate=False)
    with lotsen.db.session() as session:
        report = import_org(session, write_two_areas(tmp_path))
        assert report.ok, report.summary()
    yield lotsen
    lotsen.db.dispose()


def who(lotsen: Lotsen) -> dict[str, Person]:
    with lotsen.db.read() as s:
        return {p.key: p for p in s.exec(select(Person))}


def last_audit(lotsen: Lotsen, ref: str) -> AuditEntry:
    with lotsen.db.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.entity_ref == ref)
                       .order_by(col(AuditEntry.id).desc())).first()
    assert entry is not None
    return entry


def seers(lotsen: Lotsen, view: object, ref: str) -> set[str]:
    """Who of EVERYONE may view; each attempt must leave its own audit entry (visad… or nekad…)."""
    people = who(lotsen)
    allowed: set[str] = set()
    for key in EVERYONE:
        try:
            view(people[key])  # type: ignore[operator]
        except UserError:
            entry = last_audit(lotsen, ref)
            assert entry.action.startswith("nekad") and entry.actor_id == people[key].id, key
            continue
        entry = last_audit(lotsen, ref)
        assert entry.action.startswith("visad") and entry.actor_id == people[key].id, key
        allowed.add(key)
    return allowed


def file_avvikelse(lotsen: Lotsen, reporter: str, unit: str) -> str:
    data = NewReport(event_date=TODAY, unit_code=unit, subject="organisatorisk", origin="intern",
                     category="Dokumentation", what_happened="Anteckning sent.", consequence="Info saknas.",
                     immediate_action="Fördes in.", case_reference=None)
    return lotsen.avvikelser.file(who(lotsen)[reporter], data, submission_key=f"{reporter}{unit}",
                                  channel="t").report.number


def test_avvikelse_reporter_investigator_verksamhetschef_and_kvalitet(org: Lotsen) -> None:
    number = file_avvikelse(org, "me.anna", "MOTT")
    view = lambda p: org.avvikelser.view(p, number, channel="t")  # noqa: E731
    assert seers(org, view, number) == {"me.anna", "ec.maria", "vc.karin", "kv.petra"}


def test_avvikelse_verksamhetschef_is_found_more_than_one_level_up(org: Lotsen) -> None:
    number = file_avvikelse(org, "hl.deep", "MOTTA")  # a team without a chef: its enhetschef investigates
    view = lambda p: org.avvikelser.view(p, number, channel="t")  # noqa: E731
    assert seers(org, view, number) == {"hl.deep", "ec.maria", "vc.karin", "kv.petra"}


def test_after_a_hand_over_the_new_chef_and_their_verksamhetschef_see_it_and_the_old_chef_does_not(
        org: Lotsen) -> None:
    number = file_avvikelse(org, "me.anna", "MOTT")
    org.avvikelser.hand_over(who(org)["ec.maria"], number, "ec.stina", "Jäv", channel="t")
    view = lambda p: org.avvikelser.view(p, number, channel="t")  # noqa: E731
    assert seers(org, view, number) == {"me.anna", "ec.stina", "vc.olle", "vc.karin", "kv.petra"}
    with pytest.raises(UserError):  # nor can the old chef change it
        org.avvikelser.add_measure(who(org)["ec.maria"], number, MeasureInput("x", "ec.maria", TODAY),
                                   channel="t")


def test_the_person_a_follow_up_was_passed_to_sees_that_report(org: Lotsen) -> None:
    number = file_avvikelse(org, "me.anna", "MOTT")
    maria = who(org)["ec.maria"]
    org.avvikelser.save_investigation(maria, number, InvestigationInput(
        course="a", what_went_wrong="b", causes="c", lex_sarah="nej", follow_up_date=TODAY + timedelta(days=30),
        close=True), channel="t")
    with org.db.read() as s:
        follow_up = s.exec(select(FollowUp)).one()
    org.follow_ups.pass_on(maria, follow_up.id or 0, "ec.jonas", channel="t")
    view = lambda p: org.avvikelser.view(p, number, channel="t")  # noqa: E731
    assert seers(org, view, number) == {"me.anna", "ec.maria", "vc.karin", "kv.petra", "ec.jonas"}
    other = file_avvikelse(org, "hl.lina", "MOTT")  # only that report
    with pytest.raises(UserError):
        org.avvikelser.view(who(org)["ec.jonas"], other, channel="t")


def test_lex_sarah_full_outcome_or_nothing(org: Lotsen) -> None:
    people = who(org)
    data = NewLexSarah(TODAY, TODAY, "MOTTA", "Insats dröjde.", "Behov ej mött.", "Startad.", None)
    number = org.lex_sarah.file(people["hl.deep"], data, submission_key="l", channel="t").report.number
    view = lambda p: org.lex_sarah.view(p, number, channel="t")  # noqa: E731
    assert seers(org, view, number) == {"hl.deep", "kv.petra", "ec.maria", "vc.karin"}
    assert org.lex_sarah.view(people["hl.deep"], number, channel="t").state_only is True
    assert last_audit(org, number).action == "visad_utfall"
    assert all(not org.lex_sarah.view(people[k], number, channel="t").state_only
               for k in ("kv.petra", "ec.maria", "vc.karin"))
    org.lex_sarah.take(people["kv.petra"], number, channel="t")
    assert org.lex_sarah.view(people["kv.petra"], number, channel="t").viewer_is_investigator


def test_lex_sarah_in_the_other_area(org: Lotsen) -> None:
    people = who(org)
    data = NewLexSarah(TODAY, TODAY, "VUX1", "Insats dröjde.", "Behov ej mött.", "Startad.", None)
    number = org.lex_sarah.file(people["hl.vux"], data, submission_key="l2", channel="t").report.number
    view = lambda p: org.lex_sarah.view(p, number, channel="t")  # noqa: E731
    assert seers(org, view, number) == {"hl.vux", "kv.petra", "ec.stina", "vc.olle"}


@pytest.mark.parametrize(("holder", "expected"), [
    ("hl.lina", {"hl.lina", "tl.sara", "ec.maria", "vc.karin"}),
    ("hl.erik", {"hl.erik", "tl.omar", "ec.jonas", "vc.karin"}),
    ("hl.deep", {"hl.deep", "ec.maria", "vc.karin"}),  # two levels up to the verksamhetschef
    ("hl.vux", {"hl.vux", "ec.stina", "vc.olle"}),
])
def test_frister_own_team_unit_area(org: Lotsen, holder: str, expected: set[str]) -> None:
    deadline = org.frister.register(who(org)[holder], RegisterInput("SN 2026/0412", "utredning", TODAY),
                                    channel="t")
    view = lambda p: org.frister.view(p, deadline.id or 0, channel="t")  # noqa: E731
    assert seers(org, view, deadline.label) == expected
    # The lists agree with the single view: a verksamhetschef's list holds the area's deadlines.
    for key in expected - {holder}:
        team = [d.label for d, _ in org.frister.lists(who(org)[key]).team]
        assert deadline.label in team, key


def test_docs_table_names_every_rule() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "behorighet.md").read_text(encoding="utf-8")
    for phrase in ["Utredande chef (den nuvarande)", "Chef som har lämnat över", "Verksamhetschef ovanför",
                   "Kvalitetsenheten", "uppföljning överlämnad", "bara läget (status) och utfallet",
                   "Enhetschef för enheten", "sina egna frister", "alla enheter i sitt område"]:
        assert phrase in text, phrase
