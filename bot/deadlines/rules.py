"""Deadline rules as data: loaded from YAML, validated by pydantic, looked up by ASCII key or alias.

A law change or a new local target changes `rules.yml` (or a deployment's own copy), not code.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.deadlines import texts as t
from bot.deadlines.kinds import DEFAULT_RULES_FILE, RuleSetError, Unit, UnknownKind, find, names
from bot.deadlines.kinds import fold as _fold

__all__ = ["DEFAULT_RULES", "Rule", "RuleSet", "RuleSetError", "Unit", "UnknownKind", "clear_rules_cache",
           "default_rules", "load_rules", "parse_rules"]

DEFAULT_RULES = DEFAULT_RULES_FILE


class Rule(BaseModel):
    """One deadline rule. Field names are the YAML keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="ASCII key used in commands and storage")
    name: str = Field(min_length=1, description="Swedish display name")
    aliases: tuple[str, ...] = Field(default=(), description="Other accepted names; case and å/ä/ö do not matter")
    length: int = Field(ge=0, le=366)
    unit: Unit
    statutory: bool = Field(description="true: a limit in law or förordning; false: a local target")
    applies_1930_173: bool = Field(description="move a last day on an excluded day to the next weekday")
    legal_basis: str = Field(min_length=1, description="new SoL 2025:400 section (old 2001:453), or LVU section")
    description: str = ""
    counts_from: str = Field(default="", description="what starts the clock, e.g. 'dagen då anmälan kom in'")
    extension: str | None = None
    in_force_from: date | None = Field(default=None, description="first start date the limit exists for")
    to_confirm: str | None = Field(default=None, description="legal uncertainty a jurist should confirm")

    @field_validator("unit", mode="before")
    @classmethod
    def _ascii_unit(cls, value: Any) -> Any:
        # Accept 'manader' for 'månader' and any case; an unknown unit still fails as an enum error.
        if isinstance(value, str):
            return {_fold(u.value): u.value for u in Unit}.get(_fold(value), value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.unit is Unit.GENAST and (self.length != 0 or self.applies_1930_173):
            raise ValueError("'genast' har längd 0 och flyttas aldrig enligt lag (1930:173)")
        if self.unit is not Unit.GENAST and self.length == 0:
            raise ValueError("längden måste vara större än 0 (använd unit: genast för genast-frister)")
        if self.applies_1930_173 and not self.statutory:
            raise ValueError("lag (1930:173) gäller bara lagstadgade frister, inte lokala mål")
        return self

    def length_text(self) -> str:
        """`14 dagar`, `1 vecka`, `4 månader` or `genast`."""
        return t.length_text(self.length, self.unit.value)


class RuleSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> RuleSet:
        seen: dict[str, str] = {}
        for rule in self.rules:
            for name in (rule.key, *rule.aliases):
                folded = _fold(name)
                if folded in seen and seen[folded] != rule.key:
                    raise ValueError(f"namnet '{name}' används av både {seen[folded]} och {rule.key}")
                seen[folded] = rule.key
        return self

    @cached_property
    def _by_name(self) -> dict[str, Rule]:
        return names(self.rules)

    def kinds(self) -> list[str]:
        """Every rule's ASCII key, in file order."""
        return [r.key for r in self.rules]

    def resolve(self, name: str) -> Rule:
        """The rule for a key or alias, any case, with or without å/ä/ö. Raises UnknownKind."""
        return find(self._by_name, name, self.kinds())


def _problems(exc: ValidationError, data: Any) -> str:
    """Pydantic's errors in Swedish, located as `regel 3 (utredning), unit: …`."""
    out = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = []
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            index = loc[1]
            key = None
            rules = data.get("rules") if isinstance(data, dict) else None
            if isinstance(rules, list) and index < len(rules) and isinstance(rules[index], dict):
                key = rules[index].get("key")
            where.append(f"regel {index + 1}" + (f" ({key})" if key else ""))
            loc = loc[2:]
        fields = ".".join(str(p) for p in loc if not str(p).startswith("function-"))
        if fields:
            where.append(fields)
        message = t.VALIDATION_MESSAGES.get(err["type"])
        if message is None:
            message = str(err["msg"]).removeprefix("Value error, ")
        out.append(f"{', '.join(where) or 'filen'}: {message}")
    return "; ".join(out)


def parse_rules(text: str, source: str = "<text>") -> RuleSet:
    """Rules from YAML text. Raises RuleSetError with a Swedish message naming `source`."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10× faster
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = f"rad {mark.line + 1}, kolumn {mark.column + 1}" if mark is not None else str(exc)
        raise RuleSetError(t.ERR_RULES_NOT_YAML.format(path=source, reason=reason)) from exc
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        raise RuleSetError(t.ERR_RULES_INVALID.format(path=source, problems=_problems(exc, data))) from exc


def load_rules(path: Path | str) -> RuleSet:
    """Rules from a YAML file (a deployment's own, or DEFAULT_RULES). Raises RuleSetError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "filen är inte UTF-8-text"
        raise RuleSetError(t.ERR_RULES_UNREADABLE.format(path=path, reason=reason)) from exc
    return parse_rules(text, str(path))


@lru_cache(maxsize=8)
def _cached(path: str) -> RuleSet:
    return load_rules(Path(path))


def default_rules() -> RuleSet:
    """The rules in force: the file in LOTSEN_DEADLINE_RULES if set, else the shipped rules.yml.

    Cached per path; call clear_rules_cache() after editing the file in a running process.
    """
    return _cached(str(_configured_rules() or DEFAULT_RULES))


@lru_cache(maxsize=1)
def _configured_rules() -> str | Path | None:
    """LOTSEN_DEADLINE_RULES (cached like the settings; clear_rules_cache() reads it again). Read
    straight from the environment when there is no .env file to consult: importing the settings
    (pydantic-settings) would double `lotsen frist beräkna`'s start."""
    import os

    if not Path(".env").exists():
        return next((v for k, v in os.environ.items() if k.upper() == "LOTSEN_DEADLINE_RULES" and v), None)
    from bot.config import get_settings

    return get_settings().deadline_rules


def clear_rules_cache() -> None:
    _cached.cache_clear()
    _configured_rules.cache_clear()
