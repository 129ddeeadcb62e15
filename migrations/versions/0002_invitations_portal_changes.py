"""Invitations sent, revocable portal links, change stamps for feeds.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=100), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("sent_by", sa.String(length=320), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_invitation_person_id_person"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"],
                                name=op.f("fk_invitation_session_id_session"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
    )
    op.create_index("ix_invitation_session_person", "invitation",
                    ["session_id", "person_id", "sent_at"], unique=False)

    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("portal_generation", sa.Integer(), server_default="0",
                                      nullable=False))

    # Existing rows get "now" as their last change; then the columns become required.
    for table, column in (("segment", "changed_at"), ("session", "updated_at")):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column(column, sa.DateTime(timezone=True), nullable=True))
        op.execute(sa.text(f"UPDATE {table} SET {column} = CURRENT_TIMESTAMP"))
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column(column, existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade():
    with op.batch_alter_table("session") as batch_op:
        batch_op.drop_column("updated_at")
    with op.batch_alter_table("segment") as batch_op:
        batch_op.drop_column("changed_at")
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_column("portal_generation")
    op.drop_index("ix_invitation_session_person", table_name="invitation")
    op.drop_table("invitation")
