"""SQLModel.metadata with every table registered (for Alembic)."""

from __future__ import annotations

from sqlmodel import SQLModel

import storage.models  # noqa: F401  (importing the package registers every table)

metadata = SQLModel.metadata
