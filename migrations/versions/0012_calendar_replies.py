"""Calendar replies (iTIP REPLY and COUNTER) read back from the inbox.

Revision ID: 0012_calendar_replies
Revises: 0011_live_marks
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_calendar_replies"
down_revision = "0011_live_marks"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("from_address", sa.String(length=320), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("uid", sa.String(length=300), nullable=True),
        sa.Column("attendee", sa.String(length=320), nullable=True),
        sa.Column("partstat", sa.String(length=20), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=20), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("proposed_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("proposed_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("raw_size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_calendar_reply_person_id_person"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"],
                                name=op.f("fk_calendar_reply_session_id_session"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_reply")),
        sa.UniqueConstraint("message_id", name=op.f("uq_calendar_reply_message_id")),
    )
    op.create_index(op.f("ix_calendar_reply_received_at"), "calendar_reply", ["received_at"])
    op.create_index(op.f("ix_calendar_reply_session_id"), "calendar_reply", ["session_id"])


def downgrade():
    op.drop_index(op.f("ix_calendar_reply_session_id"), table_name="calendar_reply")
    op.drop_index(op.f("ix_calendar_reply_received_at"), table_name="calendar_reply")
    op.drop_table("calendar_reply")
