"""Storage: SQLModel models, engine and sessions, Alembic migrations."""
