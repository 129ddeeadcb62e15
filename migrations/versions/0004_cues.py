"""Run of show: cues per session.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('generated_key', sa.String(length=60), nullable=True),
    sa.Column('edited', sa.Boolean(), nullable=False),
    sa.Column('participation_id', sa.Integer(), nullable=True),
    sa.Column('who', sa.String(length=300), nullable=False),
    sa.Column('what', sa.String(length=300), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('hard_start', sa.DateTime(timezone=True), nullable=True),
    sa.Column('floor_language', sa.String(length=10), nullable=True),
    sa.Column('connection', sa.String(length=20), nullable=True),
    sa.Column('fallback', sa.String(length=500), nullable=True),
    sa.Column('tech_cue', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['participation_id'], ['participation.id'], name=op.f('fk_cue_participation_id_participation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_cue_session_id_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cue'))
    )
    with op.batch_alter_table('cue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cue_session_id'), ['session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('cue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cue_session_id'))

    op.drop_table('cue')
