"""routine search: the built index of the catalogue's current state, for one-off search processes

Revision ID: 0102_rutiner
Revises: 0101_rutiner
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import storage.types


revision = '0102_rutiner'
down_revision = '0101_rutiner'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('routine_index_cache',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stamp', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('built_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('routine_index_cache')
