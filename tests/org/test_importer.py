"""`lotsen org import`: validation by line, all-or-nothing, idempotent re-import, leavers keep history."""

from __future__ import annotations

from sqlmodel import select

from bot.app import Lotsen
from bot.demo.seed import DEMO_ORG
from bot.org.importer import import_org_text
from storage.models import Person, Unit

BASE = """\
enheter:
  - kod: VO
    namn: Verksamhetsområde
    chef: vc
  - kod: A
    namn: Enhet A
    överordnad: VO
    chef: ec
personer:
  - id: vc
    namn: Vera Chef
    epost: vera@example.se
    roller: [verksamhetschef]
  - id: ec
    namn: Eva Chef
    slack: U0EVA
    enhet: A
    roller: [enhetschef]
  - id: med
    namn: Mats Med
    epost: mats@example.se
    enhet: A
"""


def counts(lotsen: Lotsen) -> tuple[int, int]:
    with lotsen.db.session() as s:
        return len(list(s.exec(select(Unit)))), len(list(s.exec(select(Person))))


def test_demo_file_imports_cleanly_and_reimport_changes_nothing(lotsen: Lotsen) -> None:
    before = counts(lotsen)
    with lotsen.db.session() as s:
        report = import_org_text(s, DEMO_ORG.read_text(encoding="utf-8"))
    assert report.ok
    assert (report.people_created, report.people_updated, report.units_created, report.units_updated) == (0, 0, 0, 0)
    assert counts(lotsen) == before


def test_import_sets_chefs_parents_roles_and_defaults(lotsen: Lotsen) -> None:
    with lotsen.db.session() as s:
        report = import_org_text(s, BASE)
        assert report.ok, report.summary()
        unit = s.exec(select(Unit).where(Unit.code == "A")).one()
        chef = s.exec(select(Person).where(Person.key == "ec")).one()
        parent = s.exec(select(Unit).where(Unit.code == "VO")).one()
        med = s.exec(select(Person).where(Person.key == "med")).one()
        assert unit.chef_id == chef.id and unit.parent_id == parent.id
        assert med.roles == ["medarbetare"] and med.unit_id == unit.id
        # The demo organisation was not in this file: its people are deactivated, not deleted.
        anna = s.exec(select(Person).where(Person.key == "me.anna")).one()
        assert anna.active is False and anna.email is None
    assert report.people_deactivated == 9


def test_file_with_errors_reports_lines_and_changes_nothing(lotsen: Lotsen) -> None:
    bad = BASE.replace("roller: [enhetschef]", "roller: [chef]").replace("enhet: A\n", "enhet: B\n", 1)
    before = counts(lotsen)
    with lotsen.db.session() as s:
        report = import_org_text(s, bad)
    assert not report.ok
    text = report.summary()
    assert "ingenting har ändrats" in text
    assert "rad 14: okänd roll 'chef'" in text
    assert "okänd enhet 'B'" in text
    assert counts(lotsen) == before
    with lotsen.db.session() as s:
        assert s.exec(select(Person).where(Person.key == "me.anna")).one().active


def test_each_kind_of_bad_row_is_named() -> None:
    from bot.org.importer import parse

    cases = {
        "enheter: [\n": "inte giltig YAML",
        "x: 1": "'enheter' och 'personer'",
        BASE.replace("    epost: vera@example.se\n", "    epost: inte-en-adress\n"): "ogiltig e-postadress",
        BASE.replace("    slack: U0EVA\n", "    slack: eva\n"): "ogiltigt Slack-id",
        BASE.replace("  - id: med\n    namn: Mats Med\n    epost: mats@example.se\n",
                     "  - id: med\n    namn: Mats Med\n"): "minst en av",
        BASE + "  - id: med\n    namn: Dubbel\n    epost: d@example.se\n": "person-id med finns redan",
        BASE.replace("mats@example.se", "vera@example.se"): "e-post används redan av vc",
        BASE.replace("    chef: ec\n", "    chef: med\n"): "varken rollen enhetschef",
        BASE.replace("    chef: ec\n", "    chef: okand\n"): "finns inte bland personerna",
        BASE.replace("    överordnad: VO\n", "    överordnad: X\n"): "okänd överordnad enhet",
    }
    for text, expected in cases.items():
        _, _, errors = parse(text)
        assert any(expected in str(e) for e in errors), (expected, [str(e) for e in errors])


def test_reimport_updates_in_place_and_a_leaver_keeps_history(lotsen: Lotsen) -> None:
    with lotsen.db.session() as s:
        assert import_org_text(s, BASE).ok
    with lotsen.db.session() as s:
        first_ids = {p.key: p.id for p in s.exec(select(Person))}
    moved = BASE.replace("Mats Med", "Mats Medarbetare")
    with lotsen.db.session() as s:
        report = import_org_text(s, moved)
    assert report.ok and report.people_updated == 1 and report.people_created == 0
    without_mats = BASE.split("  - id: med")[0]
    with lotsen.db.session() as s:
        report = import_org_text(s, without_mats)
        assert report.people_deactivated == 1
        mats = s.exec(select(Person).where(Person.key == "med")).one()
        assert mats.id == first_ids["med"] and not mats.active and mats.name == "Mats Medarbetare"
    # Coming back re-activates the same row.
    with lotsen.db.session() as s:
        assert import_org_text(s, moved).ok
        mats = s.exec(select(Person).where(Person.key == "med")).one()
        assert mats.id == first_ids["med"] and mats.active and mats.email == "mats@example.se"
