"""The agent's desk: internal notes on cases, tags on cases, and the store's canned replies

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tags', sa.JSON(), server_default='[]', nullable=False))
    op.create_table(
        'case_notes',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('conversation_id', sa.String(length=36), nullable=False),
        sa.Column('handoff_id', sa.String(length=36), nullable=False),
        sa.Column('agent_name', sa.String(length=100), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_case_notes_conversation_id'), 'case_notes', ['conversation_id'], unique=False)
    op.create_index(op.f('ix_case_notes_handoff_id'), 'case_notes', ['handoff_id'], unique=False)
    op.create_table(
        'canned_replies',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=True),
        sa.Column('tags', sa.JSON(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('canned_replies')
    op.drop_index(op.f('ix_case_notes_handoff_id'), table_name='case_notes')
    op.drop_index(op.f('ix_case_notes_conversation_id'), table_name='case_notes')
    op.drop_table('case_notes')
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.drop_column('tags')
