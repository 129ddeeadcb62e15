"""Change history per segment and session.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=320), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"],
                                name=op.f("fk_change_log_segment_id_segment"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"],
                                name=op.f("fk_change_log_session_id_session"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    op.create_index(op.f("ix_change_log_segment_id"), "change_log", ["segment_id"])
    op.create_index(op.f("ix_change_log_session_id"), "change_log", ["session_id"])


def downgrade():
    op.drop_index(op.f("ix_change_log_session_id"), table_name="change_log")
    op.drop_index(op.f("ix_change_log_segment_id"), table_name="change_log")
    op.drop_table("change_log")
