"""The organisation file's `teams:` field: a person's Azure AD object id, checked and matched case-insensitively."""

from __future__ import annotations

from sqlmodel import select

from bot.app import Lotsen
from bot.org.importer import import_org_text, parse
from storage.models import Person

ORG = """\
enheter:
  - kod: A
    namn: Enhet A
personer:
  - id: tina
    namn: Tina Teams
    teams: 8F0E1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B
    enhet: A
"""


def test_a_person_with_only_a_teams_id_is_imported_and_found_by_it(lotsen: Lotsen) -> None:
    from bot.adapters.teams.identity import resolve_teams_user

    with lotsen.db.session() as s:
        report = import_org_text(s, ORG)
        assert report.ok, report.summary()
    with lotsen.db.session() as s:
        tina = s.exec(select(Person).where(Person.key == "tina")).one()
        assert tina.teams_user_id == "8f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
    assert resolve_teams_user(lotsen.db, "8F0E1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B").key == "tina"


def test_a_teams_id_that_is_not_a_guid_or_is_used_twice_is_named() -> None:
    _, _, errors = parse(ORG.replace("8F0E1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B", "tina@kommun.se"))
    assert any("ogiltigt Teams-id för tina" in str(e) for e in errors)
    twice = ORG + "  - id: tvilling\n    namn: T\n    teams: 8f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\n"
    _, _, errors = parse(twice)
    assert any("Teams-id används redan av tina" in str(e) for e in errors)
