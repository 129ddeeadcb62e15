"""Access services of a session: live captions (CART) and the remote interpretation platform.

Revision ID: 0019_access_services
Revises: 0018_languages
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_access_services"
down_revision = "0018_languages"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("session") as batch_op:
        batch_op.add_column(sa.Column("captioning", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("captioning_url", sa.String(1000), nullable=True))
        batch_op.add_column(sa.Column("interpretation_platform", sa.String(80), nullable=True))
        batch_op.add_column(sa.Column("interpretation_url", sa.String(1000), nullable=True))


def downgrade():
    with op.batch_alter_table("session") as batch_op:
        batch_op.drop_column("interpretation_url")
        batch_op.drop_column("interpretation_platform")
        batch_op.drop_column("captioning_url")
        batch_op.drop_column("captioning")
