"""UN document symbols on sessions and documents; the compilation's symbol and date of issue.

Revision ID: 0013_symbols
Revises: 0012_calendar_replies
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_symbols"
down_revision = "0012_calendar_replies"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("segment") as batch:
        batch.add_column(sa.Column("compilation_symbol", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("compilation_date", sa.Date(), nullable=True))
    with op.batch_alter_table("session") as batch:
        batch.add_column(sa.Column("symbol", sa.String(length=60), nullable=True))
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("symbol", sa.String(length=60), nullable=True))


def downgrade():
    with op.batch_alter_table("document") as batch:
        batch.drop_column("symbol")
    with op.batch_alter_table("session") as batch:
        batch.drop_column("symbol")
    with op.batch_alter_table("segment") as batch:
        batch.drop_column("compilation_symbol")
        batch.drop_column("compilation_date")
