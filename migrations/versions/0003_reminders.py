"""Reminder policies, deliveries and the dispatcher's heartbeat.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('heartbeat',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('beat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('interval_seconds', sa.Integer(), nullable=False),
    sa.Column('worker', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_heartbeat'))
    )
    op.create_table('reminder_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('minutes_before', sa.Integer(), nullable=False),
    sa.Column('anchor', sa.String(length=20), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('subject_template', sa.String(length=300), nullable=False),
    sa.Column('body_template', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['segment_id'], ['segment.id'], name=op.f('fk_reminder_policy_segment_id_segment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_policy'))
    )
    with op.batch_alter_table('reminder_policy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_policy_segment_id'), ['segment_id'], unique=False)

    op.create_table('reminder_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('not_before', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_by', sa.String(length=100), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by', sa.String(length=320), nullable=True),
    sa.Column('message_id', sa.String(length=300), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_reminder_delivery_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['policy_id'], ['reminder_policy.id'], name=op.f('fk_reminder_delivery_policy_id_reminder_policy'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_reminder_delivery_session_id_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_delivery')),
    sa.UniqueConstraint('policy_id', 'session_id', 'person_id', name=op.f('uq_reminder_delivery_policy_id_session_id_person_id'))
    )
    with op.batch_alter_table('reminder_delivery', schema=None) as batch_op:
        batch_op.create_index('ix_reminder_delivery_due', ['status', 'due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_delivery_session_id'), ['session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('reminder_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_delivery_session_id'))
        batch_op.drop_index('ix_reminder_delivery_due')

    op.drop_table('reminder_delivery')
    with op.batch_alter_table('reminder_policy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_policy_segment_id'))

    op.drop_table('reminder_policy')
    op.drop_table('heartbeat')
