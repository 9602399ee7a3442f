"""learned answers: what the team confirmed answered a case, and the questions it answers

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'learned_answers',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=False),
        sa.Column('source', sa.String(length=500), nullable=True),
        sa.Column('headings', sa.Text(), nullable=True),
        sa.Column('text', sa.Text(), nullable=True),
        sa.Column('confirmed_by', sa.String(length=100), nullable=False),
        sa.Column('approved_by', sa.String(length=100), nullable=True),
        sa.Column('paused_why', sa.String(length=200), nullable=True),
        sa.Column('uses', sa.Integer(), nullable=False),
        sa.Column('thumbs_up', sa.Integer(), nullable=False),
        sa.Column('thumbs_down', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_learned_answers_status'), 'learned_answers', ['status'], unique=False)
    op.create_index(op.f('ix_learned_answers_updated_at'), 'learned_answers', ['updated_at'], unique=False)
    op.create_table(
        'learned_questions',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('answer_id', sa.String(length=36), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('lang', sa.String(length=8), nullable=False),
        sa.Column('conversation_id', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['answer_id'], ['learned_answers.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_learned_questions_answer_id'), 'learned_questions', ['answer_id'], unique=False)
    op.create_index(op.f('ix_learned_questions_conversation_id'), 'learned_questions', ['conversation_id'], unique=False)
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('learned_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_messages_learned_id'), ['learned_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messages_learned_id'))
        batch_op.drop_column('learned_id')
    op.drop_index(op.f('ix_learned_questions_conversation_id'), table_name='learned_questions')
    op.drop_index(op.f('ix_learned_questions_answer_id'), table_name='learned_questions')
    op.drop_table('learned_questions')
    op.drop_index(op.f('ix_learned_answers_updated_at'), table_name='learned_answers')
    op.drop_index(op.f('ix_learned_answers_status'), table_name='learned_answers')
    op.drop_table('learned_answers')
