"""answer labels: what the team and customers said about answers, to refit the store's threshold

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'answer_labels',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=False),
        sa.Column('confidence', sa.Float(), nullable=False),
        sa.Column('right', sa.Boolean(), nullable=False),
        sa.Column('why', sa.String(length=12), nullable=False),
        sa.Column('model', sa.String(length=12), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_answer_labels_message_id'), 'answer_labels', ['message_id'], unique=False)
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('candidate', sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_column('candidate')
    op.drop_index(op.f('ix_answer_labels_message_id'), table_name='answer_labels')
    op.drop_table('answer_labels')
