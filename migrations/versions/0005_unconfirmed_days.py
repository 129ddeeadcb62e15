"""Per-segment warning horizon for unconfirmed participants.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("segment") as batch_op:
        batch_op.add_column(sa.Column("unconfirmed_days", sa.Integer(), server_default="7",
                                      nullable=False))


def downgrade():
    with op.batch_alter_table("segment") as batch_op:
        batch_op.drop_column("unconfirmed_days")
