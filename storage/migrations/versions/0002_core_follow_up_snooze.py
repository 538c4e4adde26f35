"""follow-up reminders can be snoozed and escalated

Revision ID: 0002_core
Revises: 0001_core
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0002_core'
down_revision = '0001_core'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.add_column(sa.Column('remind_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', storage.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_column('escalated_at')
        batch_op.drop_column('remind_on')
