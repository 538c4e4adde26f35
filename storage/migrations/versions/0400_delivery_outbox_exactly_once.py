"""outbox: indexes for claims, a subject to replan by, crash counts, the planned moment

Revision ID: 0400_delivery
Revises:
Create Date: 2026-12-06
"""
import re

import sqlalchemy as sa
from alembic import op

import storage.types

revision = '0400_delivery'
down_revision = None
branch_labels = ('delivery',)
depends_on = '0002_core'

# Subjects of rows planned before this revision, so replanning finds them (only pending rows matter).
_SUBJECTS = (
    re.compile(r"^(frist:\d+):"),
    re.compile(r"^(avvikelse:[^:]+:uppfoljning:\d+):"),
    re.compile(r"^(lexsarah:[^:]+:ivo):"),
)


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('reference', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('planned_for', storage.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('crashes', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_index('ix_outbox_subject', ['subject'], unique=False)
        batch_op.create_index('ix_outbox_status_due_at', ['status', 'due_at'], unique=False)
        batch_op.create_index('ix_outbox_status_lease_until', ['status', 'lease_until'], unique=False)
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('crashes', server_default=None)
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, key FROM outbox WHERE status IN ('pending', 'sending')")).all()
    for row_id, key in rows:
        for pattern in _SUBJECTS:
            match = pattern.match(key)
            if match:
                bind.execute(sa.text("UPDATE outbox SET subject = :s WHERE id = :i"),
                             {"s": match.group(1), "i": row_id})
                break


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_status_lease_until')
        batch_op.drop_index('ix_outbox_status_due_at')
        batch_op.drop_index('ix_outbox_subject')
        batch_op.drop_column('crashes')
        batch_op.drop_column('planned_for')
        batch_op.drop_column('reference')
        batch_op.drop_column('subject')
