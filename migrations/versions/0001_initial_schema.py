"""Initial schema: segments, sessions, the directory, participations, tags, accounts.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

The three tag vocabularies of the concept note are seeded here, so every database has them:
the ten action areas of the Political Declaration of the 2019 SDG Summit (A/RES/74/4,
paragraph 27, letters a-j), the six entry points of the 2019 Global Sustainable Development
Report, and the 17 Sustainable Development Goals.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


ACTION_AREAS = [
    "Leaving no one behind",
    "Mobilizing adequate and well-directed financing",
    "Enhancing national implementation",
    "Strengthening institutions for more integrated solutions",
    "Bolstering local action to accelerate implementation",
    "Reducing disaster risk and building resilience",
    "Solving challenges through international cooperation and enhancing the global partnership",
    "Harnessing science, technology and innovation with a greater focus on digital "
    "transformation for sustainable development",
    "Investing in data and statistics for the Sustainable Development Goals",
    "Strengthening the high-level political forum",
]
ENTRY_POINTS = [
    "Human well-being and capabilities",
    "Sustainable and just economies",
    "Food systems and nutrition patterns",
    "Energy decarbonization with universal access",
    "Urban and peri-urban development",
    "Global environmental commons",
]
SDGS = [
    "No poverty",
    "Zero hunger",
    "Good health and well-being",
    "Quality education",
    "Gender equality",
    "Clean water and sanitation",
    "Affordable and clean energy",
    "Decent work and economic growth",
    "Industry, innovation and infrastructure",
    "Reduced inequalities",
    "Sustainable cities and communities",
    "Responsible consumption and production",
    "Climate action",
    "Life below water",
    "Life on land",
    "Peace, justice and strong institutions",
    "Partnerships for the goals",
]


def seed_tags():
    """Rows for the tag table, in the order of the concept note."""
    rows = []
    for number, label in enumerate(ACTION_AREAS, start=1):
        rows.append({"code": f"action-area-{'abcdefghij'[number - 1]}", "vocabulary": "action-area",
                     "number": number, "label": label})
    for number, label in enumerate(ENTRY_POINTS, start=1):
        rows.append({"code": f"entry-point-{number}", "vocabulary": "entry-point",
                     "number": number, "label": label})
    for number, label in enumerate(SDGS, start=1):
        rows.append({"code": f"sdg-{number}", "vocabulary": "sdg", "number": number,
                     "label": f"SDG {number}: {label}"})
    return rows


def upgrade():
    op.create_table('organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization')),
    sa.UniqueConstraint('key', name=op.f('uq_organization_key'))
    )
    op.create_table('segment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('theme', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('civil_start', sa.Time(), nullable=False),
    sa.Column('civil_end', sa.Time(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segment')),
    sa.UniqueConstraint('slug', name=op.f('uq_segment_slug'))
    )
    tag = op.create_table('tag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('vocabulary', sa.String(length=20), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tag')),
    sa.UniqueConstraint('code', name=op.f('uq_tag_code')),
    sa.UniqueConstraint('vocabulary', 'number', name=op.f('uq_tag_vocabulary_number'))
    )
    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('honorific', sa.String(length=40), nullable=True),
    sa.Column('position', sa.String(length=300), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('biography', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_person_organization_id_organization'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('key', name=op.f('uq_person_key'))
    )
    op.bulk_insert(tag, seed_tags())
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_organization_id'), ['organization_id'], unique=False)

    op.create_table('session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('platform', sa.String(length=80), nullable=True),
    sa.Column('join_url', sa.String(length=1000), nullable=True),
    sa.Column('meeting_id', sa.String(length=80), nullable=True),
    sa.Column('passcode', sa.String(length=80), nullable=True),
    sa.Column('dial_in', sa.String(length=300), nullable=True),
    sa.Column('interpretation', sa.JSON(), nullable=False),
    sa.Column('webcast_url', sa.String(length=1000), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['session.id'], name=op.f('fk_session_parent_id_session'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['segment_id'], ['segment.id'], name=op.f('fk_session_segment_id_segment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session')),
    sa.UniqueConstraint('segment_id', 'code', name=op.f('uq_session_segment_id_code'))
    )
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_start'), ['start'], unique=False)

    op.create_table('participation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_participation_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_participation_session_id_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participation')),
    sa.UniqueConstraint('session_id', 'person_id', 'role', name=op.f('uq_participation_session_id_person_id_role'))
    )
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participation_person_id'), ['person_id'], unique=False)

    op.create_table('session_tag',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['session.id'], name=op.f('fk_session_tag_session_id_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], name=op.f('fk_session_tag_tag_id_tag'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'tag_id', name=op.f('pk_session_tag'))
    )


def downgrade():
    op.drop_table('session_tag')
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_person_id'))

    op.drop_table('participation')
    with op.batch_alter_table('session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_start'))

    op.drop_table('session')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_organization_id'))

    op.drop_table('person')
    op.drop_table('user_account')
    op.drop_table('tag')
    op.drop_table('segment')
    op.drop_table('organization')
