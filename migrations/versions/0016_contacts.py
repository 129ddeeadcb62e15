"""A session's host and producer contacts, and a person's backup phone (the run-of-show sheet).

Revision ID: 0016_contacts
Revises: 0015_speakers_lists
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_contacts"
down_revision = "0015_speakers_lists"
branch_labels = None
depends_on = None

SESSION_COLUMNS = [
    ("host_name", 300), ("host_email", 320), ("host_phone", 40),
    ("producer_name", 300), ("producer_email", 320), ("producer_phone", 40),
]


def upgrade():
    with op.batch_alter_table("session") as batch_op:
        for name, length in SESSION_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length), nullable=True))
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("backup_phone", sa.String(40), nullable=True))


def downgrade():
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("backup_phone")
    with op.batch_alter_table("session") as batch_op:
        for name, _length in reversed(SESSION_COLUMNS):
            batch_op.drop_column(name)
