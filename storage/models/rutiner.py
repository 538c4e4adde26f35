"""The routine catalogue: documents, their sections with analysed terms, and feedback on answers.

Analysed terms are stored with each section (space-separated), so ranking is computed the same way
on SQLite and PostgreSQL: both only store; the ranking runs in Python over the same data.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime, utcnow


class RoutineDocument(SQLModel, table=True):
    __tablename__ = "routine_document"
    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(unique=True, max_length=1000)  # relative to the indexed folder
    file_name: str = Field(max_length=300)
    title: str = Field(max_length=500)
    title_terms: str = Field(default="", sa_column=Column(Text, nullable=False))
    owner: str | None = Field(default=None, max_length=300)
    approved_by: str | None = Field(default=None, max_length=300)
    approved_on: date | None = None
    valid_until: date | None = None
    diarienummer: str | None = Field(default=None, max_length=100)
    version: str | None = Field(default=None, max_length=50)
    content_hash: str = Field(max_length=64)
    indexed_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class RoutineSection(SQLModel, table=True):
    __tablename__ = "routine_section"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="routine_document.id", index=True)
    position: int
    heading: str = Field(max_length=500)
    text: str = Field(sa_column=Column(Text, nullable=False))
    heading_terms: str = Field(default="", sa_column=Column(Text, nullable=False))
    body_terms: str = Field(default="", sa_column=Column(Text, nullable=False))


class RoutineFeedback(SQLModel, table=True):
    __tablename__ = "routine_feedback"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    question: str = Field(max_length=1000)
    document: str = Field(max_length=1000)
    section: str | None = Field(default=None, max_length=500)
    helpful: bool
    person_key: str | None = Field(default=None, max_length=120)
