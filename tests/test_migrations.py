"""The migrations build exactly the schema the models describe, and seed the tags."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Tag


def test_migrations_match_models(app):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_migrations_seed_three_vocabularies(app):
    tags = list(db.session.scalars(select(Tag).order_by(Tag.id)))
    counts = {v: sum(1 for t in tags if t.vocabulary == v) for v in ("action-area", "entry-point", "sdg")}
    assert counts == {"action-area": 10, "entry-point": 6, "sdg": 17}
    by_code = {t.code: t.label for t in tags}
    assert by_code["action-area-a"] == "Leaving no one behind"
    assert by_code["action-area-j"] == "Strengthening the high-level political forum"
    assert by_code["entry-point-3"] == "Food systems and nutrition patterns"
    assert by_code["sdg-16"] == "SDG 16: Peace, justice and strong institutions"
