"""What the calculator needs of a deadline rule, without pydantic: the unit, the name folding, the
lookup by key or alias, and the two errors.

bot/deadlines/rules.py validates rule files with pydantic and builds on this; bot/deadlines/plain.py
reads the same files without pydantic for the `lotsen frist` fast path. Keeping this module free of
pydantic (and of rules.py) is what lets a deadline be computed in a process that never imports it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Protocol, TypeVar

from bot.deadlines import texts as t

DEFAULT_RULES_FILE = Path(__file__).with_name("rules.yml")  # the shipped rules (rules.DEFAULT_RULES)


class Unit(StrEnum):
    DAGAR = "dagar"
    VECKOR = "veckor"
    MANADER = "månader"
    GENAST = "genast"


def fold(name: str) -> str:
    """Case-, accent- and separator-insensitive key: 'Förhandsbedömning' → 'forhandsbedomning'."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "_".join(ascii_only.replace("-", " ").replace("_", " ").split())


class DeadlineRule(Protocol):
    """A rule as the calculator reads it (rules.Rule, or plain.PlainRule on the fast path)."""

    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def length(self) -> int: ...
    @property
    def unit(self) -> Unit: ...
    @property
    def statutory(self) -> bool: ...
    @property
    def applies_1930_173(self) -> bool: ...
    @property
    def legal_basis(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def counts_from(self) -> str: ...
    @property
    def extension(self) -> str | None: ...
    @property
    def in_force_from(self) -> date | None: ...
    @property
    def to_confirm(self) -> str | None: ...

    def length_text(self) -> str: ...


R = TypeVar("R", bound=DeadlineRule)


class RuleSetError(ValueError):
    """A rule file that cannot be used; the Swedish message names the file and every problem."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class UnknownKind(LookupError):
    """No rule has this key or alias; the Swedish message lists the valid keys."""

    def __init__(self, name: str, valid: list[str], suggestion: str | None = None) -> None:
        self.name = name
        self.valid = valid
        hint = t.ERR_UNKNOWN_KIND_HINT.format(suggestion=suggestion) if suggestion else ""
        self.message = t.ERR_UNKNOWN_KIND.format(name=name, hint=hint, valid=", ".join(valid))
        super().__init__(self.message)


def names(rules: Iterable[R]) -> dict[str, R]:
    """Every rule under its folded key and aliases (a later rule wins, as the file is checked unique)."""
    return {fold(name): rule for rule in rules for name in (rule.key, *rule.aliases)}


def find(by_name: Mapping[str, R], name: str, kinds: list[str]) -> R:
    """The rule for a key or alias, any case, with or without å/ä/ö. Raises UnknownKind."""
    folded = fold(name)
    rule = by_name.get(folded)
    if rule is None:
        import difflib  # only for a name that is not found

        close = difflib.get_close_matches(folded, list(by_name), n=1, cutoff=0.75)
        suggestion = by_name[close[0]].key if close else None
        raise UnknownKind(name, kinds, suggestion)
    return rule


def rule_json(rule: DeadlineRule) -> dict[str, object]:
    """A rule as `lotsen frist typer --json` prints it: the YAML fields in file order, dates as ISO
    text, then `length_text` (the same as pydantic's model_dump(mode="json"); a test holds them equal)."""
    return {
        "key": rule.key,
        "name": rule.name,
        "aliases": list(rule.aliases),
        "length": rule.length,
        "unit": rule.unit.value,
        "statutory": rule.statutory,
        "applies_1930_173": rule.applies_1930_173,
        "legal_basis": rule.legal_basis,
        "description": rule.description,
        "counts_from": rule.counts_from,
        "extension": rule.extension,
        "in_force_from": rule.in_force_from.isoformat() if rule.in_force_from is not None else None,
        "to_confirm": rule.to_confirm,
        "length_text": rule.length_text(),
    }
