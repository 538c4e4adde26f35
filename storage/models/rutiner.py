"""The routine catalogue: documents, their sections with analysed terms, and feedback on answers.

Analysed terms are stored with each section (space-separated), so ranking is computed the same way
on SQLite and PostgreSQL: both only store; the ranking runs in Python over the same data.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
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
    # 👎 with "vilken rutin borde det ha varit?": the user's own words, for the catalogue owner.
    suggested: str | None = Field(default=None, max_length=500)


class RoutineEmbedding(SQLModel, table=True):
    """A passage's dense vector (float32 bytes), per model and content hash: re-indexing embeds only what
    changed, and identical passages in many documents are embedded once."""

    __tablename__ = "routine_embedding"
    __table_args__ = (UniqueConstraint("model", "content_hash", name="uq_routine_embedding_model_hash"),)
    id: int | None = Field(default=None, primary_key=True)
    model: str = Field(max_length=200)
    content_hash: str = Field(max_length=64)
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class RoutineIndexCache(SQLModel, table=True):
    """The built search index of the catalogue's current state (see bot/rutiner/persisted.py), so a
    one-off `lotsen rutiner sök` process loads it instead of rebuilding it."""

    __tablename__ = "routine_index_cache"
    id: int | None = Field(default=None, primary_key=True)
    stamp: str = Field(max_length=500)
    built_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
