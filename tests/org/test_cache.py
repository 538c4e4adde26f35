"""The organisation cache: an org import is seen by the next lookup, in this Database and any other
on the same database (another process would hold another Database), for identity and permissions."""

from __future__ import annotations

import pytest

from bot.adapters.slack.identity import resolve_slack_user
from bot.app import Lotsen
from bot.avvikelse.forms import FORM_NEW
from bot.demo.seed import DEMO_ORG
from bot.errors import PermissionDenied, UnknownUser
from bot.org.cache import org_snapshot
from bot.org.importer import import_org_text
from storage.db import Database
from tests.avvikelse.helpers import reports, values

PETRA = "U0DEMOKV01"  # kvalitetsenhet: may view every report
ANNA = "U0DEMOME01"


def _import(lotsen: Lotsen, text: str) -> None:
    with lotsen.db.session() as session:
        report = import_org_text(session, text)
        assert report.ok, report.summary()


def _file_one(lotsen: Lotsen) -> str:
    anna = resolve_slack_user(lotsen.db, ANNA)
    result = lotsen.chat.submit(anna, FORM_NEW, {}, values(event_date="2026-11-30"), submission_key="k1",
                                channel="slack")
    assert not result.errors, result.errors
    return reports(lotsen)[-1].number


def test_a_role_removed_by_an_import_is_refused_at_once_also_through_a_second_database(lotsen: Lotsen) -> None:
    number = _file_one(lotsen)
    other = Database(lotsen.db.url)  # as another process would: its own engine and cache
    try:
        # Both caches are warm before the import.
        for db in (lotsen.db, other):
            petra = resolve_slack_user(db, PETRA)
            assert lotsen.avvikelser.view(petra, number, channel="slack").report.number == number

        demoted = DEMO_ORG.read_text(encoding="utf-8").replace(
            "roller: [kvalitetsenhet, lex_sarah_ansvarig]", "roller: [lex_sarah_ansvarig]")
        _import(lotsen, demoted)

        for db in (lotsen.db, other):
            petra = resolve_slack_user(db, PETRA)
            assert petra.roles == ["lex_sarah_ansvarig"]
            with pytest.raises(PermissionDenied):
                lotsen.avvikelser.view(petra, number, channel="slack")
    finally:
        other.dispose()


def test_a_person_removed_by_an_import_is_unknown_at_once(lotsen: Lotsen) -> None:
    other = Database(lotsen.db.url)
    try:
        assert resolve_slack_user(other, ANNA).key == "me.anna"
        text = DEMO_ORG.read_text(encoding="utf-8")
        start = text.index("  - id: me.anna")
        end = text.index("  - id: kv.petra")
        _import(lotsen, text[:start] + text[end:])
        for db in (lotsen.db, other):
            with pytest.raises(UnknownUser):
                resolve_slack_user(db, ANNA)
    finally:
        other.dispose()


def test_a_new_unit_chef_investigates_the_next_report(lotsen: Lotsen) -> None:
    first = _file_one(lotsen)
    assert org_snapshot(lotsen.db).people[reports(lotsen)[-1].investigator_id].key == "ec.maria"
    moved = DEMO_ORG.read_text(encoding="utf-8").replace(
        "    överordnad: BOF\n    chef: ec.maria", "    överordnad: BOF\n    chef: vc.karin")
    _import(lotsen, moved)
    anna = resolve_slack_user(lotsen.db, ANNA)
    lotsen.chat.submit(anna, FORM_NEW, {}, values(event_date="2026-11-30"), submission_key="k2", channel="slack")
    second = reports(lotsen)[-1]
    assert second.number != first
    assert org_snapshot(lotsen.db).people[second.investigator_id].key == "vc.karin"


def test_an_import_that_changes_nothing_keeps_the_generation(lotsen: Lotsen) -> None:
    before = org_snapshot(lotsen.db)
    _import(lotsen, DEMO_ORG.read_text(encoding="utf-8"))
    assert org_snapshot(lotsen.db) is before
