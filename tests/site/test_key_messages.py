"""Key messages: recording them (checked input, order, status) and the compilation's grouping."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.formats.common import plain_text
from meeting.lib.text import paragraphs, text_blocks
from meeting.models import Document, KeyMessage, Organization, Segment, Tag
from meeting.site.key_messages import (
    CROSS_CUTTING,
    VOCABULARIES,
    KeyMessageError,
    KeyMessageInput,
    Source,
    compilation,
    create_key_message,
    delete_key_message,
    group_key_messages,
    key_message_tags,
    messages_by_body,
    move_key_message,
    publish_key_message,
    reorder_key_messages,
    unpublish_key_message,
    update_key_message,
)

EP1 = "Human well-being and capabilities"
EP3 = "Food systems and nutrition patterns"
EP5 = "Urban and peri-urban development"


def tag(code: str) -> Tag:
    return db.session.scalar(select(Tag).where(Tag.code == code))


def org(key: str, name: str, acronym: str | None = None) -> Organization:
    organization = Organization(key=key, name=name, acronym=acronym, kind="other")
    db.session.add(organization)
    db.session.commit()
    return organization


def document(segment: Segment, slug: str, status: str = "published") -> Document:
    doc = Document(segment=segment, slug=slug, kind="input", title=f"Input {slug}", status=status)
    db.session.add(doc)
    db.session.commit()
    return doc


def message(segment, organization, text, *codes, status="published", source=None) -> KeyMessage:
    made = create_key_message(segment, KeyMessageInput(organization.id, text, codes,
                                                       source.id if source else None))
    if status == "published":
        publish_key_message(made)
    return made


def shape(themes) -> list:
    return [(t.title, [(b.heading, [m.text for m in b.messages]) for b in t.bodies]) for t in themes]


def count() -> int:
    return db.session.scalar(select(func.count(KeyMessage.id)))


@pytest.fixture
def bodies(app):
    return {"who": org("who", "World Health Organization", "WHO"),
            "csocd": org("csocd", "Commission for Social Development"),
            "eca": org("eca", "Economic Commission for Africa", "ECA")}


def test_compilation_groups_by_entry_point_then_body_exactly(make_segment, bodies):
    segment = make_segment()
    who, csocd, eca = bodies["who"], bodies["csocd"], bodies["eca"]
    message(segment, who, "Health systems first.", "entry-point-3", "entry-point-1", "action-area-a")
    message(segment, eca, "Data for cities.", "entry-point-5")
    message(segment, csocd, "Social protection floors.", "entry-point-1")
    message(segment, who, "Draft, not yet agreed.", "entry-point-1", status="draft")
    message(segment, eca, "Finance is cross-cutting.", "action-area-b")
    message(segment, who, "Vaccines for all.", "entry-point-1")
    message(segment, csocd, "No one left behind.")

    assert shape(compilation(segment)) == [
        (EP1, [("Commission for Social Development", ["Social protection floors."]),
               ("World Health Organization (WHO)", ["Health systems first.", "Vaccines for all."])]),
        (EP3, [("World Health Organization (WHO)", ["Health systems first."])]),
        (EP5, [("Economic Commission for Africa (ECA)", ["Data for cities."])]),
        (CROSS_CUTTING, [("Commission for Social Development", ["No one left behind."]),
                         ("Economic Commission for Africa (ECA)", ["Finance is cross-cutting."])]),
    ]


def test_compilation_theme_codes_and_action_area_labels_in_number_order(make_segment, bodies):
    segment = make_segment()
    message(segment, bodies["who"], "One.", "action-area-c", "entry-point-2", "action-area-a")
    themes = compilation(segment)
    assert [t.code for t in themes] == ["entry-point-2"]
    only = themes[0].bodies[0].messages[0]
    assert only.action_areas == (tag("action-area-a").label, tag("action-area-c").label)


def test_compilation_only_drafts_is_empty(make_segment, bodies):
    segment = make_segment()
    message(segment, bodies["who"], "Not yet.", "entry-point-1", status="draft")
    assert compilation(segment) == []


def test_compilation_other_segment_not_included(make_segment, bodies):
    segment, other = make_segment(), make_segment()
    message(other, bodies["who"], "Elsewhere.", "entry-point-1")
    assert compilation(segment) == []


def test_compilation_source_named_only_when_document_published(make_segment, bodies):
    segment = make_segment(slug="is-2020")
    public, draft = document(segment, "unicef-input"), document(segment, "secret", status="draft")
    message(segment, bodies["who"], "With a public source.", source=public)
    message(segment, bodies["who"], "With a draft source.", source=draft)
    messages = compilation(segment)[0].bodies[0].messages
    assert [m.source for m in messages] == [
        Source("Input unicef-input", "/segments/is-2020/documents/unicef-input/"), None]


def test_compilation_document_url_builder_used(make_segment, bodies):
    segment = make_segment(slug="is-2020")
    message(segment, bodies["who"], "Linked.", source=document(segment, "doc"))
    themes = compilation(segment, lambda seg, doc: f"https://example.org/{seg}/{doc}")
    assert themes[0].bodies[0].messages[0].source.url == "https://example.org/is-2020/doc"


def test_group_key_messages_pure_from_unsaved_rows(app):
    ep4 = Tag(code="entry-point-4", vocabulary="entry-point", number=4, label="Energy")
    ep2 = Tag(code="entry-point-2", vocabulary="entry-point", number=2, label="Economies")
    area = Tag(code="action-area-d", vocabulary="action-area", number=4, label="Area D")
    fao, ilo = Organization(name="Food and Agriculture Organization"), Organization(name="ilo")
    rows = [KeyMessage(organization=ilo, text="Jobs.", tags=[ep4, ep2], position=1, status="published"),
            KeyMessage(organization=fao, text="Second.", tags=[ep4], position=2, status="published"),
            KeyMessage(organization=fao, text="First.", tags=[ep4, area], position=1, status="published"),
            KeyMessage(organization=fao, text="Draft.", tags=[ep2], position=0, status="draft"),
            KeyMessage(organization=ilo, text="General.", tags=[area], position=3, status="published")]
    assert shape(group_key_messages("s", rows)) == [
        ("Economies", [("ilo", ["Jobs."])]),
        ("Energy", [("Food and Agriculture Organization", ["First.", "Second."]), ("ilo", ["Jobs."])]),
        (CROSS_CUTTING, [("ilo", ["General."])]),
    ]


def test_create_key_message_strips_text_and_goes_last_as_draft(make_segment, bodies):
    segment = make_segment()
    first = message(segment, bodies["who"], "First.")
    made = create_key_message(segment, KeyMessageInput(bodies["who"].id, "  Second.\n\n ",
                                                       ("entry-point-1", "action-area-j")))
    assert (made.text, made.status, made.position) == ("Second.", "draft", first.position + 1)
    assert [t.code for t in made.tags] == ["action-area-j", "entry-point-1"]


@pytest.mark.parametrize(("data", "error"), [
    (dict(organization_id=None), "body: choose the body whose message it is"),
    (dict(organization_id=999999), "body: choose the body whose message it is"),
    (dict(text="   \n "), "text: write the key message"),
    (dict(text="x" * 2001), "text: at most 2000 characters (this one has 2001)"),
    (dict(tag_codes=("entry-point-1", "sdg-3")), "tags: sdg-3 is not an entry point or an action area"),
    (dict(tag_codes=("entry-point-99",)), "tags: entry-point-99 is not an entry point or an action area"),
])
def test_create_key_message_bad_input_refused(make_segment, bodies, data, error):
    segment = make_segment()
    values = {"organization_id": bodies["who"].id, "text": "Fine."} | data
    with pytest.raises(KeyMessageError) as refused:
        create_key_message(segment, KeyMessageInput(**values))
    assert str(refused.value) == error
    db.session.rollback()
    assert count() == 0


def test_create_key_message_source_from_other_segment_refused(make_segment, bodies):
    segment, other = make_segment(), make_segment()
    foreign = document(other, "foreign")
    with pytest.raises(KeyMessageError) as refused:
        create_key_message(segment, KeyMessageInput(bodies["who"].id, "Text.", (), foreign.id))
    assert str(refused.value) == "source document: choose one of this segment's documents"
    db.session.rollback()
    assert count() == 0


def test_update_key_message_bad_input_changes_nothing(make_segment, bodies):
    segment = make_segment()
    made = message(segment, bodies["who"], "Original.", "entry-point-1")
    with pytest.raises(KeyMessageError):
        update_key_message(made, KeyMessageInput(bodies["eca"].id, "New.", ("sdg-1",)))
    db.session.rollback()
    db.session.expire_all()
    again = db.session.get(KeyMessage, made.id)
    assert (again.text, again.organization_id, [t.code for t in again.tags]) == (
        "Original.", bodies["who"].id, ["entry-point-1"])


def test_update_key_message_to_other_body_goes_last_there(make_segment, bodies):
    segment = make_segment()
    message(segment, bodies["eca"], "ECA one.")
    message(segment, bodies["eca"], "ECA two.")
    moved = message(segment, bodies["who"], "WHO one.")
    doc = document(segment, "d")
    update_key_message(moved, KeyMessageInput(bodies["eca"].id, " Now ECA. ", ("action-area-a",), doc.id))
    assert (moved.organization_id, moved.position, moved.text, moved.document_id) == (
        bodies["eca"].id, 3, "Now ECA.", doc.id)
    assert [t.code for t in moved.tags] == ["action-area-a"]


def test_move_key_message_swaps_within_body_and_stops_at_ends(make_segment, bodies):
    segment = make_segment()
    a, b, c = (message(segment, bodies["who"], t) for t in ("A", "B", "C"))
    other = message(segment, bodies["eca"], "Other body")
    move_key_message(c, -1)
    move_key_message(a, -1)
    order = [m.text for _, ms in messages_by_body(segment) for m in ms]
    assert order == ["Other body", "A", "C", "B"]
    move_key_message(b, +1)
    move_key_message(a, +1)
    assert [m.text for m in messages_by_body(segment)[1][1]] == ["C", "A", "B"]
    assert other.position == 1


def test_reorder_key_messages_needs_every_message_once(make_segment, bodies):
    segment = make_segment()
    a, b = message(segment, bodies["who"], "A"), message(segment, bodies["who"], "B")
    with pytest.raises(KeyMessageError):
        reorder_key_messages(segment, bodies["who"].id, [a.id])
    reorder_key_messages(segment, bodies["who"].id, [b.id, a.id])
    assert (b.position, a.position) == (1, 2)


def test_publish_unpublish_and_delete(make_segment, bodies):
    segment = make_segment()
    made = message(segment, bodies["who"], "Text.", status="draft")
    publish_key_message(made)
    assert made.status == "published" and len(compilation(segment)) == 1
    unpublish_key_message(made)
    assert made.status == "draft" and compilation(segment) == []
    delete_key_message(made)
    assert count() == 0


def test_key_message_change_moves_segment_changed_at(make_segment, bodies):
    segment = make_segment()
    segment.changed_at = datetime(2020, 1, 1, tzinfo=UTC)
    db.session.commit()
    made = message(segment, bodies["who"], "Text.", status="draft")
    assert segment.changed_at > datetime(2020, 1, 1, tzinfo=UTC)
    segment.changed_at = datetime(2020, 1, 1, tzinfo=UTC)
    db.session.commit()
    update_key_message(made, KeyMessageInput(bodies["who"].id, "Text.", ("entry-point-2",)))
    assert segment.changed_at > datetime(2020, 1, 1, tzinfo=UTC)


def test_key_message_tags_entry_points_then_action_areas(app):
    codes = [t.code for t in key_message_tags()]
    assert codes == [f"entry-point-{n}" for n in range(1, 7)] + [f"action-area-{c}" for c in "abcdefghij"]


def test_text_blocks_one_splitting_for_compilation_page_and_open_formats():
    # The compilation's DOCX, the page filter and the open formats split text the same way.
    text = "  First line\n wraps here.\n \n\n<b>Second</b>\t para \n"
    assert text_blocks(text) == ["First line wraps here.", "<b>Second</b> para"]
    assert str(paragraphs(text)) == "<p>First line wraps here.</p><p>&lt;b&gt;Second&lt;/b&gt; para</p>"
    assert plain_text(text) == "First line wraps here.\n\n<b>Second</b> para"
    assert (text_blocks(None), text_blocks(" \n\n "), plain_text(None)) == ([], [], "")


def test_compilation_themes_are_entry_points_then_action_areas():
    assert VOCABULARIES == ("entry-point", "action-area")
