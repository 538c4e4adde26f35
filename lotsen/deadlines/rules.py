"""Deadline rules as data: loaded from YAML, validated, looked up by ASCII key or Swedish alias."""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

DEFAULT_RULES = Path(__file__).with_name("rules.yml")


class Unit(StrEnum):
    DAGAR = "dagar"
    VECKOR = "veckor"
    MANADER = "månader"
    GENAST = "genast"


class Rule(BaseModel):
    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    aliases: list[str] = Field(default_factory=list)
    length: int = Field(ge=0, le=120)
    unit: Unit
    statutory: bool
    applies_1930_173: bool
    legal_basis: str
    description: str = ""
    extension: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.unit is Unit.GENAST and (self.length != 0 or self.applies_1930_173):
            raise ValueError(f"{self.key}: 'genast' har längd 0 och flyttas aldrig enligt 1930:173")
        if self.unit is not Unit.GENAST and self.length == 0:
            raise ValueError(f"{self.key}: längden måste vara större än 0")
        if self.applies_1930_173 and not self.statutory:
            raise ValueError(f"{self.key}: lag (1930:173) gäller bara lagstadgade frister, inte lokala mål")
        return self

    def length_text(self) -> str:
        if self.unit is Unit.GENAST:
            return "genast"
        singular = {Unit.DAGAR: "dag", Unit.VECKOR: "vecka", Unit.MANADER: "månad"}[self.unit]
        return f"{self.length} {singular if self.length == 1 else self.unit.value}"


class RuleSetError(ValueError):
    """A rule file that cannot be used; the message says which file and why (Swedish)."""


class UnknownKind(LookupError):
    def __init__(self, name: str, valid: list[str]) -> None:
        self.message = f"Okänd typ av frist: '{name}'. Giltiga typer: {', '.join(valid)}."
        super().__init__(self.message)


def _fold(name: str) -> str:
    """Case-, accent- and separator-insensitive key: 'Förhandsbedömning' → 'forhandsbedomning'."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return ascii_only.replace("-", "_").replace(" ", "_")


class RuleSet(BaseModel):
    rules: list[Rule]

    @model_validator(mode="after")
    def _unique(self) -> RuleSet:
        seen: dict[str, str] = {}
        for rule in self.rules:
            for name in [rule.key, *rule.aliases]:
                folded = _fold(name)
                if folded in seen and seen[folded] != rule.key:
                    raise ValueError(f"namnet '{name}' används av både {seen[folded]} och {rule.key}")
                seen[folded] = rule.key
        return self

    @cached_property
    def _by_name(self) -> dict[str, Rule]:
        return {_fold(name): rule for rule in self.rules for name in [rule.key, *rule.aliases]}

    def resolve(self, name: str) -> Rule:
        rule = self._by_name.get(_fold(name))
        if rule is None:
            raise UnknownKind(name, [r.key for r in self.rules])
        return rule


def load_rules(path: Path) -> RuleSet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleSetError(f"Kan inte läsa regelfilen {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise RuleSetError(f"Regelfilen {path} är inte giltig YAML.") from exc
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise RuleSetError(f"Regelfilen {path} har fel: {problems}") from exc


@lru_cache(maxsize=8)
def _cached(path: str) -> RuleSet:
    return load_rules(Path(path))


def default_rules() -> RuleSet:
    """The rules in force: LOTSEN_DEADLINE_RULES if set, else the shipped rules.yml."""
    from lotsen.config import get_settings

    configured = get_settings().deadline_rules
    return _cached(str(configured or DEFAULT_RULES))
