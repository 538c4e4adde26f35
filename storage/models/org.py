"""The organisation: units (enheter, verksamhetsområden) and people with their roles and platform ids."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel


class Role(StrEnum):
    MEDARBETARE = "medarbetare"
    HANDLAGGARE = "handläggare"
    TEAMLEDARE = "teamledare"
    ENHETSCHEF = "enhetschef"
    VERKSAMHETSCHEF = "verksamhetschef"
    KVALITETSENHET = "kvalitetsenhet"
    LEX_SARAH_ANSVARIG = "lex_sarah_ansvarig"


class Unit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True, max_length=40)
    name: str = Field(max_length=200)
    parent_id: int | None = Field(default=None, foreign_key="unit.id")
    # unit.chef_id and person.unit_id point at each other; this key is created after both tables.
    chef_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("person.id", use_alter=True), nullable=True)
    )
    active: bool = True


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=120)
    name: str = Field(max_length=200)
    email: str | None = Field(default=None, index=True, unique=True, max_length=254)
    slack_user_id: str | None = Field(default=None, index=True, unique=True, max_length=40)
    teams_user_id: str | None = Field(default=None, index=True, unique=True, max_length=200)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True

    def has_role(self, role: Role) -> bool:
        return role.value in self.roles
