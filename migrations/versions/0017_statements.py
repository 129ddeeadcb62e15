"""Written statements of the lists of speakers, their deadline per segment, reminders of them.

Revision ID: 0017_statements
Revises: 0016_contacts
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op


revision = "0017_statements"
down_revision = "0016_contacts"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("segment") as batch_op:
        batch_op.add_column(sa.Column("statements_due_hours", sa.Integer(), server_default="24",
                                      nullable=False))
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("speaker_entry.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("file_name", sa.String(length=80), nullable=False),
        sa.Column("file_original", sa.String(length=255), nullable=False),
        sa.Column("file_type", sa.String(length=120), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("video_url", sa.String(length=1000), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_from", sa.String(length=320), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "statement_reminder",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("speaker_entry.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("to_email", sa.String(length=320), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_by", sa.String(length=320), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.UniqueConstraint("entry_id", "due_at"),
    )


def downgrade():
    op.drop_table("statement_reminder")
    op.drop_table("statement")
    with op.batch_alter_table("segment") as batch_op:
        batch_op.drop_column("statements_due_hours")
