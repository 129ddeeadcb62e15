"""The live view's presses recorded on the server, and the speaker-screen link key.

Revision ID: 0011_live_marks
Revises: 0010_invitation_details
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_live_marks"
down_revision = "0010_invitation_details"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "live_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=320), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_live_mark_session_id", "live_mark", ["session_id"])
    op.create_table(
        "live_screen",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id"),
    )


def downgrade():
    op.drop_table("live_screen")
    op.drop_index("ix_live_mark_session_id", table_name="live_mark")
    op.drop_table("live_mark")
