"""Indexes for the lookups pages make: a segment's days, tech checks by session, link tables
read from their second side (a session's documents, the sessions with a tag).

Without them PostgreSQL reads the whole `session` table for a speaker's portal page (its
tech checks) and a day of the programme, and whole link tables for a session's documents.

Revision ID: 0014_lookup_indexes
Revises: 0013_symbols
Create Date: 2026-12-03
"""

from alembic import op

revision = "0014_lookup_indexes"
down_revision = "0013_symbols"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_session_segment_start", "session", ["segment_id", "start"]),
    ("ix_session_parent_id", "session", ["parent_id"]),
    ("ix_session_tag_tag_id", "session_tag", ["tag_id"]),
    ("ix_document_tag_tag_id", "document_tag", ["tag_id"]),
    ("ix_document_session_session_id", "document_session", ["session_id"]),
    ("ix_key_message_tag_tag_id", "key_message_tag", ["tag_id"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
