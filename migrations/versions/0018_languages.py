"""Languages: a person's preferred language (their e-mails and portal), an organizer's own.

Revision ID: 0018_languages
Revises: 0017_statements
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_languages"
down_revision = "0017_statements"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("preferred_language", sa.String(8), nullable=True))
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(8), nullable=True))


def downgrade():
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("preferred_language")
