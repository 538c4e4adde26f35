"""lex sarah: the investigation's sources (SOSFS 2011:5: where each piece of information came from)

Revision ID: 0302_lex_sarah
Revises: 0301_lex_sarah
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0302_lex_sarah'
down_revision = '0301_lex_sarah'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('lex_sarah_report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inv_sources', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('lex_sarah_report', schema=None) as batch_op:
        batch_op.drop_column('inv_sources')
