"""Import every model module so SQLModel.metadata knows all tables (for Alembic autogenerate)."""

from __future__ import annotations

from sqlmodel import SQLModel

import lotsen.storage.models  # noqa: F401  (core tables)

metadata = SQLModel.metadata

# Domain packages that own tables register them here.
for _module in ("lotsen.rutiner.models", "lotsen.frist.models", "lotsen.lex_sarah.models"):
    try:
        __import__(_module)
    except ModuleNotFoundError as exc:  # a domain not yet built has no tables
        if exc.name != _module:
            raise
