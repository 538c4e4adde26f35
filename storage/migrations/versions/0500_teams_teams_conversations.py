"""teams conversation references (proactive delivery)

Revision ID: 0500_teams
Revises: 
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import storage.types


revision = '0500_teams'
down_revision = None
branch_labels = ('teams',)
depends_on = '0002_core'


def upgrade() -> None:
    op.create_table('teams_conversation',
    sa.Column('aad_object_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('conversation_id', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('service_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('tenant_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('bot_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('aad_object_id')
    )


def downgrade() -> None:
    op.drop_table('teams_conversation')
