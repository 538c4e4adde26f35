"""outbox: drop ix_outbox_status, which (status, due_at) and (status, lease_until) already cover

Every planned delivery wrote three B-trees keyed by status; reads by status alone use either
composite index, since status leads both.

Revision ID: 0401_delivery
Revises: 0400_delivery
Create Date: 2026-12-08
"""
from alembic import op

revision = '0401_delivery'
down_revision = '0400_delivery'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_status')


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_status', ['status'], unique=False)
