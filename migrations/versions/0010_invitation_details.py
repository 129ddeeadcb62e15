"""Invitations remember what they told the person, so an update can say what changed.

Rows sent before this revision have no details: their updates fall back to the full
session details without an old → new list.

Revision ID: 0010_invitation_details
Revises: 0009_segment_contact
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_invitation_details"
down_revision = "0009_segment_contact"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("invitation") as batch:
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("invitation") as batch:
        batch.drop_column("details")
