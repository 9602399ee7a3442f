"""handoffs.resolved_at: when a case was resolved (insights' handling time runs from the first claim to it)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True))
    # Until now a resolved case changed no more after its resolution, so its last change is when.
    op.execute("UPDATE handoffs SET resolved_at = updated_at WHERE status = 'resolved'")


def downgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.drop_column('resolved_at')
