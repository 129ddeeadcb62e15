"""Lists of speakers: one per session, the delegations inscribed on it.

Revision ID: 0015_speakers_lists
Revises: 0014_lookup_indexes
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op


revision = "0015_speakers_lists"
down_revision = "0014_lookup_indexes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "speakers_list",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("session.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("closed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("national_minutes", sa.Integer(), nullable=False, server_default="3"),
        sa.Column("group_minutes", sa.Integer(), nullable=False, server_default="5"),
        sa.Column("link_generation", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "speaker_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("list_id", sa.Integer(), sa.ForeignKey("speakers_list.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("organization_id", sa.Integer(),
                  sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("speaker_name", sa.String(length=300), nullable=False),
        sa.Column("level", sa.String(length=30), nullable=False),
        sa.Column("on_behalf_of", sa.String(length=300), nullable=True),
        sa.Column("statement_type", sa.String(length=20), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("inscribed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("pinned_position", sa.Integer(), nullable=True),
        sa.Column("absent_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("inscribed_by", sa.String(length=40), nullable=False),
        sa.UniqueConstraint("list_id", "organization_id"),
    )


def downgrade():
    op.drop_table("speaker_entry")
    op.drop_table("speakers_list")
