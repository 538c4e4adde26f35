"""`lotsen org import FILE`: load units, people, roles and unit chefs from a YAML file.

All rows are validated first; a file with any error changes nothing. Re-importing updates in place
(people matched by `id`), and people or units missing from the file are deactivated, never deleted,
so their history stays attached to their reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from bot.audit.log import record
from bot.config import Settings
from bot.org.handover import LeaverWork, move_work, plan_handover
from storage.models import Person, Role, Unit

ROLE_ALIASES: dict[str, Role] = {
    "medarbetare": Role.MEDARBETARE,
    "handläggare": Role.HANDLAGGARE,
    "handlaggare": Role.HANDLAGGARE,
    "socialsekreterare": Role.HANDLAGGARE,
    "teamledare": Role.TEAMLEDARE,
    "enhetschef": Role.ENHETSCHEF,
    "verksamhetschef": Role.VERKSAMHETSCHEF,
    "kvalitetsenhet": Role.KVALITETSENHET,
    "kvalitetsenheten": Role.KVALITETSENHET,
    "lex_sarah_ansvarig": Role.LEX_SARAH_ANSVARIG,
    "lex sarah-ansvarig": Role.LEX_SARAH_ANSVARIG,
    "lex-sarah-ansvarig": Role.LEX_SARAH_ANSVARIG,
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CODE = re.compile(r"^[A-Za-z0-9ÅÄÖåäö_.-]{1,40}$")
_TEAMS_ID = re.compile(r"^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$")  # Azure AD object id (a GUID)


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"rad {self.line}: {self.message}"


CONFIRM_FLAG = "--bekräfta"
NEEDS_CONFIRMATION = (
    "Importen avaktiverar personer som har öppet arbete. Ingenting har ändrats. Kör igen med "
    f"{CONFIRM_FLAG} (eller --bekrafta) för att flytta arbetet till enhetens chef, som får besked:"
)
CANNOT_MOVE = "Importen avaktiverar personer vars arbete ingen kan ta över, och ingenting har ändrats:"
MOVED = "Flyttat arbete ({n}):"


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    units_created: int = 0
    units_updated: int = 0
    units_deactivated: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_deactivated: int = 0
    # Open work of people this import deactivates: waiting for confirmation, or moved.
    pending_work: list[LeaverWork] = field(default_factory=list)
    handover_errors: list[str] = field(default_factory=list)
    moved_work: list[LeaverWork] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.pending_work and not self.handover_errors

    @property
    def needs_confirmation(self) -> bool:
        return not self.errors and not self.handover_errors and bool(self.pending_work)

    def summary(self) -> str:
        if self.errors:
            lines = [f"Filen har {len(self.errors)} fel och ingenting har ändrats:"]
            lines += [f"  {e}" for e in self.errors]
            return "\n".join(lines)
        if self.handover_errors:
            return "\n".join([CANNOT_MOVE, *(f"  {e}" for e in self.handover_errors)])
        if self.pending_work:
            return "\n".join([NEEDS_CONFIRMATION, *(line for w in self.pending_work for line in w.describe())])
        moved = [MOVED.format(n=sum(len(w.items) for w in self.moved_work))] if self.moved_work else []
        moved += [line for w in self.moved_work for line in w.describe()]
        return "\n".join([self._counts(), *moved])

    def _counts(self) -> str:
        return (
            f"Enheter: {self.units_created} nya, {self.units_updated} uppdaterade, "
            f"{self.units_deactivated} avaktiverade. Personer: {self.people_created} nya, "
            f"{self.people_updated} uppdaterade, {self.people_deactivated} avaktiverade."
        )


@dataclass
class _UnitRow:
    line: int
    code: str
    name: str
    parent: str | None
    chef: str | None


@dataclass
class _PersonRow:
    line: int
    key: str
    name: str
    email: str | None
    slack: str | None
    teams: str | None
    unit: str | None
    roles: list[str]
    active: bool


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of each mapping (1-based) under the key `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _text(row: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = row.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def parse(text: str) -> tuple[list[_UnitRow], list[_PersonRow], list[RowError]]:
    errors: list[RowError] = []
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [], [], [RowError(line, "filen är inte giltig YAML")]
    if not isinstance(data, dict) or "enheter" not in data or "personer" not in data:
        return [], [], [RowError(1, "filen måste ha listorna 'enheter' och 'personer'")]
    for section in ("enheter", "personer"):
        if data[section] is not None and not isinstance(data[section], list):
            return [], [], [RowError(1, f"'{section}' måste vara en lista (rader som börjar med -)")]

    units: list[_UnitRow] = []
    for row in data.get("enheter") or []:
        if not isinstance(row, dict):
            errors.append(RowError(1, "varje enhet måste vara en post med kod och namn"))
            continue
        line = int(row["__line__"])
        code, name = _text(row, "kod"), _text(row, "namn")
        if not code or not _CODE.match(code):
            errors.append(RowError(line, "enheten saknar giltig 'kod' (bokstäver, siffror, - _ .)"))
            continue
        if not name:
            errors.append(RowError(line, f"enheten {code} saknar 'namn'"))
            continue
        units.append(_UnitRow(line, code, name, _text(row, "överordnad", "overordnad"), _text(row, "chef")))

    people: list[_PersonRow] = []
    for row in data.get("personer") or []:
        if not isinstance(row, dict):
            errors.append(RowError(1, "varje person måste vara en post med id och namn"))
            continue
        line = int(row["__line__"])
        key, name = _text(row, "id"), _text(row, "namn")
        if not key:
            errors.append(RowError(line, "personen saknar 'id'"))
            continue
        if not name:
            errors.append(RowError(line, f"personen {key} saknar 'namn'"))
            continue
        raw_roles = row.get("roller") or ["medarbetare"]
        if isinstance(raw_roles, str):
            raw_roles = [r.strip() for r in raw_roles.split(",")]
        elif not isinstance(raw_roles, list):
            raw_roles = [str(raw_roles)]
        roles: list[str] = []
        for raw in raw_roles:
            role = ROLE_ALIASES.get(str(raw).strip().lower())
            if role is None:
                errors.append(
                    RowError(line, f"okänd roll '{raw}' för {key}; giltiga: {', '.join(r.value for r in Role)}")
                )
            elif role.value not in roles:
                roles.append(role.value)
        email = _text(row, "epost", "e-post", "email")
        if email:
            email = email.lower()
            if not _EMAIL.match(email):
                errors.append(RowError(line, f"ogiltig e-postadress för {key}"))
        slack = _text(row, "slack")
        if slack and not _SLACK_ID.match(slack):
            errors.append(RowError(line, f"ogiltigt Slack-id för {key} (ska se ut som U012ABCDEF)"))
        teams = _text(row, "teams")
        if teams:
            teams = teams.lower()
            if not _TEAMS_ID.match(teams):
                errors.append(RowError(line, f"ogiltigt Teams-id för {key} (Azure AD-objekt-id, ett GUID som "
                                             "8f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b)"))
        if not (email or slack or teams):
            errors.append(RowError(line, f"{key} behöver minst en av 'epost', 'slack' eller 'teams'"))
        active = row.get("aktiv", True) is not False
        people.append(_PersonRow(line, key, name, email, slack, teams, _text(row, "enhet"), roles, active))

    errors += _cross_check(units, people)
    return units, people, errors


def _cross_check(units: list[_UnitRow], people: list[_PersonRow]) -> list[RowError]:
    errors: list[RowError] = []
    codes: dict[str, _UnitRow] = {}
    for u in units:
        if u.code in codes:
            errors.append(RowError(u.line, f"enhetskoden {u.code} finns redan på rad {codes[u.code].line}"))
        codes[u.code] = u
    keys: dict[str, _PersonRow] = {}
    seen: dict[tuple[str, str], _PersonRow] = {}
    for p in people:
        if p.key in keys:
            errors.append(RowError(p.line, f"person-id {p.key} finns redan på rad {keys[p.key].line}"))
        keys[p.key] = p
        for kind, value in (("e-post", p.email), ("Slack-id", p.slack), ("Teams-id", p.teams)):
            if value:
                other = seen.get((kind, value))
                if other:
                    errors.append(RowError(p.line, f"{kind} används redan av {other.key} på rad {other.line}"))
                seen[(kind, value)] = p
        if p.unit and p.unit not in codes:
            errors.append(RowError(p.line, f"okänd enhet '{p.unit}' för {p.key}"))
    for u in units:
        if u.parent and u.parent not in codes:
            errors.append(RowError(u.line, f"okänd överordnad enhet '{u.parent}' för {u.code}"))
        if u.parent == u.code:
            errors.append(RowError(u.line, f"enheten {u.code} kan inte vara överordnad sig själv"))
        if u.chef:
            chef = keys.get(u.chef)
            if chef is None:
                errors.append(RowError(u.line, f"chefen '{u.chef}' för {u.code} finns inte bland personerna"))
            elif not ({Role.ENHETSCHEF.value, Role.VERKSAMHETSCHEF.value} & set(chef.roles)):
                errors.append(
                    RowError(u.line, f"{u.chef} leder {u.code} men har varken rollen enhetschef eller verksamhetschef")
                )
            elif not chef.active:
                errors.append(RowError(u.line, f"{u.chef} leder {u.code} men är markerad som inaktiv"))
    return errors


def import_org(session: Session, path: Path, *, actor_id: int | None = None, confirm: bool = False,
               settings: Settings | None = None) -> ImportReport:
    """Import the file. People it deactivates who hold open work make the report not ok (the caller
    rolls back) unless `confirm`: then the work moves to their units' chefs."""
    report = ImportReport()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.errors.append(RowError(1, f"kan inte läsa filen ({exc.__class__.__name__})"))
        return report
    return import_org_text(session, text, report=report, actor_id=actor_id, confirm=confirm, settings=settings)


def import_org_text(
    session: Session, text: str, *, report: ImportReport | None = None, actor_id: int | None = None,
    confirm: bool = False, settings: Settings | None = None,
) -> ImportReport:
    report = report or ImportReport()
    units, people, errors = parse(text)
    if errors:
        report.errors = sorted(errors, key=lambda e: e.line)
        return report

    existing_units = {u.code: u for u in session.exec(select(Unit))}
    existing_people = {p.key: p for p in session.exec(select(Person))}

    # Pass 1: units without links, so people can point at them.
    created_units: set[str] = set()
    updated_units: set[str] = set()
    for row in units:
        unit = existing_units.get(row.code)
        if unit is None:
            unit = Unit(code=row.code, name=row.name)
            session.add(unit)
            existing_units[row.code] = unit
            created_units.add(row.code)
        elif unit.name != row.name or not unit.active:
            unit.name, unit.active = row.name, True
            updated_units.add(row.code)
    session.flush()

    # Identity fields are unique; clear them on people leaving first so a moved e-mail doesn't collide.
    listed = {p.key for p in people}
    leavers = [existing_people[p.key] for p in people
               if not p.active and p.key in existing_people and existing_people[p.key].active]
    for key, leaver in existing_people.items():
        if key not in listed and leaver.active:
            leavers.append(leaver)
            leaver.active = False
            leaver.email = leaver.slack_user_id = leaver.teams_user_id = None
            report.people_deactivated += 1
    session.flush()

    for prow in people:
        person = existing_people.get(prow.key)
        values: dict[str, Any] = {
            "name": prow.name,
            "email": prow.email,
            "slack_user_id": prow.slack,
            "teams_user_id": prow.teams,
            "unit_id": existing_units[prow.unit].id if prow.unit else None,
            "roles": prow.roles,
            "active": prow.active,
        }
        if person is None:
            person = Person(key=prow.key, **values)
            session.add(person)
            existing_people[prow.key] = person
            report.people_created += 1
        else:
            changed = any(getattr(person, k) != v for k, v in values.items())
            for k, v in values.items():
                setattr(person, k, v)
            if changed:
                report.people_updated += 1
    session.flush()

    for row in units:
        unit = existing_units[row.code]
        parent_id = existing_units[row.parent].id if row.parent else None
        chef_id = existing_people[row.chef].id if row.chef else None
        if (unit.parent_id, unit.chef_id) != (parent_id, chef_id):
            if row.code not in created_units:
                updated_units.add(row.code)
            unit.parent_id, unit.chef_id = parent_id, chef_id
    report.units_created, report.units_updated = len(created_units), len(updated_units)
    listed_units = {u.code for u in units}
    for code, unit in existing_units.items():
        if code not in listed_units and unit.active:
            unit.active = False
            report.units_deactivated += 1
    session.flush()
    work, cannot = plan_handover(session, leavers)
    if cannot:
        report.handover_errors = cannot
        return report
    if work and not confirm:
        report.pending_work = work
        return report
    if work:
        move_work(session, settings or Settings(), work, actor_id=actor_id)
        report.moved_work = work
    record(
        session,
        actor_id=actor_id,
        action="org_import",
        entity_type="organisation",
        entity_ref="org",
        changes={"summary": report.summary()},
        channel="cli",
    )
    return report
