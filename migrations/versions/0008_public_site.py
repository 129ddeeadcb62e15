"""The public website: documents, key messages, publications, a segment's published flag.

Segments that exist already stay public (they were public before this revision);
new ones start unpublished until an organizer publishes them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("link_url", sa.String(length=1000), nullable=True),
        sa.Column("file_name", sa.String(length=80), nullable=True),
        sa.Column("file_original", sa.String(length=255), nullable=True),
        sa.Column("file_type", sa.String(length=120), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_document_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segment.id"], name=op.f("fk_document_segment_id_segment"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("segment_id", "slug", name=op.f("uq_document_segment_id_slug")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_segment_id"), ["segment_id"], unique=False)

    op.create_table(
        "publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=320), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segment.id"], name=op.f("fk_publication_segment_id_segment"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
        sa.UniqueConstraint("segment_id", "number", name=op.f("uq_publication_segment_id_number")),
    )
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publication_segment_id"), ["segment_id"], unique=False)

    op.create_table(
        "document_session",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_session_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["session.id"],
            name=op.f("fk_document_session_session_id_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "session_id", name=op.f("pk_document_session")),
    )
    op.create_table(
        "document_tag",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_tag_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_document_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", "tag_id", name=op.f("pk_document_tag")),
    )
    op.create_table(
        "key_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_key_message_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_key_message_organization_id_organization"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segment.id"], name=op.f("fk_key_message_segment_id_segment"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_message")),
    )
    with op.batch_alter_table("key_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_message_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_key_message_organization_id"), ["organization_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_key_message_segment_id"), ["segment_id"], unique=False)

    op.create_table(
        "key_message_tag",
        sa.Column("key_message_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_message_id"],
            ["key_message.id"],
            name=op.f("fk_key_message_tag_key_message_id_key_message"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_key_message_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("key_message_id", "tag_id", name=op.f("pk_key_message_tag")),
    )
    with op.batch_alter_table("segment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute(sa.text("UPDATE segment SET published = :yes").bindparams(yes=True))


def downgrade():
    with op.batch_alter_table("segment", schema=None) as batch_op:
        batch_op.drop_column("published")

    op.drop_table("key_message_tag")
    with op.batch_alter_table("key_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_message_segment_id"))
        batch_op.drop_index(batch_op.f("ix_key_message_organization_id"))
        batch_op.drop_index(batch_op.f("ix_key_message_document_id"))

    op.drop_table("key_message")
    op.drop_table("document_tag")
    op.drop_table("document_session")
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_segment_id"))

    op.drop_table("publication")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_segment_id"))
        batch_op.drop_index(batch_op.f("ix_document_organization_id"))

    op.drop_table("document")
