"""Content in several languages: a segment's original language, translations of session
titles and descriptions and of key messages.

Revision ID: 0020_content_translations
Revises: 0019_access_services
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_content_translations"
down_revision = "0019_access_services"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("segment") as batch_op:
        batch_op.add_column(sa.Column("original_language", sa.String(8), server_default="en",
                                      nullable=False))
    op.create_table(
        "session_translation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("session.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.UniqueConstraint("session_id", "language"),
    )
    op.create_table(
        "key_message_translation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key_message_id", sa.Integer(),
                  sa.ForeignKey("key_message.id", ondelete="CASCADE"), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.UniqueConstraint("key_message_id", "language"),
    )


def downgrade():
    op.drop_table("key_message_translation")
    op.drop_table("session_translation")
    with op.batch_alter_table("segment") as batch_op:
        batch_op.drop_column("original_language")
