"""Read a deadline rule file without pydantic, for `lotsen frist`'s fast path (bot/cli/frist_fast.py).

The YAML file stays the only source of the rules; this reads it with the same loader as rules.py
(libyaml when installed) and accepts it only when every value is one that rules.py's pydantic models
would take unchanged: plain types, no coercion (a quoted number, a date written as text, `yes` for
true), every constraint and cross-check of Rule and RuleSet. Anything else gives None, and the
caller hands over to the ordinary path, which validates with pydantic and explains the problem in
Swedish. A test holds the two readers equal on the shipped rules and on broken variants of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.deadlines import texts as t
from bot.deadlines.kinds import Unit, fold

_KEY = re.compile(r"[a-z][a-z0-9_]*")
_REQUIRED = {"key", "name", "length", "unit", "statutory", "applies_1930_173", "legal_basis"}
_OPTIONAL = {"aliases", "description", "counts_from", "extension", "in_force_from", "to_confirm"}
_UNITS = {fold(u.value): u for u in Unit}


@dataclass(frozen=True)
class PlainRule:
    """One rule, as rules.Rule holds it (the fields and defaults in the same order)."""

    key: str
    name: str
    length: int
    unit: Unit
    statutory: bool
    applies_1930_173: bool
    legal_basis: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    counts_from: str = ""
    extension: str | None = None
    in_force_from: date | None = None
    to_confirm: str | None = None

    def length_text(self) -> str:
        return t.length_text(self.length, self.unit.value)


def _text(value: object, *, empty: bool = True) -> bool:
    return type(value) is str and (empty or len(value) > 0)


def _rule(data: object) -> PlainRule | None:
    if type(data) is not dict or not data.keys() >= _REQUIRED or not data.keys() <= _REQUIRED | _OPTIONAL:
        return None
    key, length, unit = data["key"], data["length"], data["unit"]
    aliases = data.get("aliases", [])
    optional_texts = [data.get(field) for field in ("extension", "to_confirm")]
    in_force = data.get("in_force_from")
    if not (_text(key) and _KEY.fullmatch(key) and _text(data["name"], empty=False)
            and _text(data["legal_basis"], empty=False)
            and _text(data.get("description", "")) and _text(data.get("counts_from", ""))
            and all(v is None or _text(v) for v in optional_texts)
            and (in_force is None or type(in_force) is date)
            and type(aliases) is list and all(_text(a) for a in aliases)
            and type(length) is int and 0 <= length <= 366
            and type(data["statutory"]) is bool and type(data["applies_1930_173"]) is bool
            and _text(unit) and fold(unit) in _UNITS):
        return None
    rule = PlainRule(key=key, name=data["name"], length=length, unit=_UNITS[fold(unit)],
                     statutory=data["statutory"], applies_1930_173=data["applies_1930_173"],
                     legal_basis=data["legal_basis"], aliases=tuple(aliases),
                     description=data.get("description", ""), counts_from=data.get("counts_from", ""),
                     extension=optional_texts[0], to_confirm=optional_texts[1], in_force_from=in_force)
    genast = rule.unit is Unit.GENAST
    if ((genast and (rule.length != 0 or rule.applies_1930_173)) or (not genast and rule.length == 0)
            or (rule.applies_1930_173 and not rule.statutory)):
        return None
    return rule


def parse_plain(text: str) -> list[PlainRule] | None:
    """The rules in YAML text, or None when only the ordinary (pydantic) reader can say what is wrong."""
    import yaml

    try:
        data: Any = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # as rules.py
    except yaml.YAMLError:
        return None
    return rules_from_data(data)


def rules_from_data(data: object) -> list[PlainRule] | None:
    """The rules in parsed YAML, or None when the pydantic models would refuse or convert anything."""
    if type(data) is not dict or data.keys() != {"rules"} or type(data["rules"]) is not list or not data["rules"]:
        return None
    rules = [_rule(item) for item in data["rules"]]
    plain = [r for r in rules if r is not None]
    if len(plain) != len(rules):
        return None
    seen: dict[str, str] = {}
    for rule in plain:  # RuleSet._unique: no name may point at two rules
        for name in (rule.key, *rule.aliases):
            if seen.setdefault(fold(name), rule.key) != rule.key:
                return None
    return plain


def read_plain(path: Path) -> list[PlainRule] | None:
    """The rules in a file, or None (unreadable, not YAML, or anything the pydantic models would refuse
    or convert)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_plain(text)
