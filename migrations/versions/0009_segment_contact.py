"""A segment's secretariat contact, and the reason a session was cancelled.

Revision ID: 0009_segment_contact
Revises: 0008 (0008_public_site.py)
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_segment_contact"
down_revision = "0008"  # the file 0008_public_site.py
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("segment") as batch_op:
        batch_op.add_column(sa.Column("contact_name", sa.String(300), nullable=True))
        batch_op.add_column(sa.Column("contact_email", sa.String(320), nullable=True))
        batch_op.add_column(sa.Column("contact_phone", sa.String(80), nullable=True))
    with op.batch_alter_table("session") as batch_op:
        batch_op.add_column(sa.Column("cancellation_reason", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("session") as batch_op:
        batch_op.drop_column("cancellation_reason")
    with op.batch_alter_table("segment") as batch_op:
        batch_op.drop_column("contact_phone")
        batch_op.drop_column("contact_email")
        batch_op.drop_column("contact_name")
