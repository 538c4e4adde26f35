"""routine search: cached passage embeddings, the routine a 👎 says it should have been

Revision ID: 0101_rutiner
Revises: 0100_rutiner
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0101_rutiner'
down_revision = '0100_rutiner'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('routine_embedding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('model', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('model', 'content_hash', name='uq_routine_embedding_model_hash')
    )
    with op.batch_alter_table('routine_feedback') as batch:
        batch.add_column(sa.Column('suggested', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('routine_feedback') as batch:
        batch.drop_column('suggested')
    op.drop_table('routine_embedding')
