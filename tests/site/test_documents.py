"""The documents library: saving, files, slugs, publishing, deleting, what the public lists."""

import io

import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.models import TAG_VOCABULARIES, Document, Organization
from meeting.models.programme import TAG_VOCABULARY_LABELS
from meeting.site.documents import (
    DocumentFields,
    delete_document,
    document_library,
    find_document,
    form_choices,
    list_documents,
    organization_documents,
    public_documents,
    save_document,
    session_documents,
    set_document_status,
)
from tests.lib.test_uploads import docx_bytes, pdf_bytes, stored_files


@pytest.fixture
def segment(make_segment):
    return make_segment(slug="is-2020", title="Integration Segment 2020")


@pytest.fixture
def undp(app):
    org = Organization(key="undp", name="United Nations Development Programme", acronym="UNDP",
                       kind="fund-programme")
    db.session.add(org)
    db.session.commit()
    return org


def fields(**overrides) -> DocumentFields:
    values = {"kind": "case-study", "title": "Cash transfers in the Sahel",
              "link_url": "https://www.undp.org/sahel"}
    values.update(overrides)
    return DocumentFields(**values)


def pdf(name="sahel.pdf"):
    return io.BytesIO(pdf_bytes()), name


def count() -> int:
    return db.session.scalar(select(func.count(Document.id)))


def test_save_document_creates_draft_with_everything(app, segment, undp, make_session):
    session = make_session(segment=segment, code="TS1")
    before = segment.changed_at
    doc = save_document(segment, None, fields(
        summary="**Cash** reaches people faster.", body="## Results\n\nMore children in school.",
        organization_id=undp.id, tags=["sdg-5", "entry-point-1"], sessions=["TS1"]), pdf())
    assert (doc.slug, doc.kind, doc.title, doc.status, doc.published_at) == (
        "cash-transfers-in-the-sahel", "case-study", "Cash transfers in the Sahel", "draft", None)
    assert (doc.summary, doc.body) == ("**Cash** reaches people faster.",
                                       "## Results\n\nMore children in school.")
    assert doc.organization is undp
    assert sorted(t.code for t in doc.tags) == ["entry-point-1", "sdg-5"]
    assert doc.sessions == [session]
    assert (doc.link_url, doc.file_original, doc.file_type, doc.file_size) == (
        "https://www.undp.org/sahel", "sahel.pdf", "application/pdf", len(pdf_bytes()))
    assert stored_files() == [doc.file_name]
    assert segment.changed_at > before


def test_save_document_file_only_and_link_only(app, segment):
    assert save_document(segment, None, fields(link_url=""), pdf()).link_url is None
    assert save_document(segment, None, fields(title="Link only")).file_name is None
    assert count() == 2


@pytest.mark.parametrize(("overrides", "message"), [
    ({"link_url": ""}, "file or link: upload a file or give a link (or both)"),
    ({"title": "  "}, "title: give the document a title"),
    ({"title": "x" * 301}, "title: at most 300 characters (this one has 301)"),
    ({"kind": "report"},
     "kind: choose one of Case study, Presentation, Input from a subsidiary body"),
    ({"tags": ["sdg-5", "sdg-18"]}, "tags: unknown tag sdg-18"),
    ({"sessions": ["NOPE"]}, "related sessions: no session NOPE in Integration Segment 2020"),
    ({"organization_id": 999999}, "organization: choose one from the directory"),
    ({"link_url": "javascript:alert(1)"},
     "link: 'javascript:alert(1)' is not an http:// or https:// address"),
    ({"link_url": "ftp://example.org/x"},
     "link: 'ftp://example.org/x' is not an http:// or https:// address"),
    ({"link_url": "https:///x"}, "link: 'https:///x' is not an http:// or https:// address"),
])
def test_save_document_bad_field_refused_nothing_saved(app, segment, overrides, message):
    with pytest.raises(ValueError) as caught:
        save_document(segment, None, fields(**overrides))
    assert str(caught.value) == message
    db.session.rollback()
    assert count() == 0


def test_save_document_bad_field_with_file_stores_no_file(app, segment):
    with pytest.raises(ValueError, match="title: give the document a title"):
        save_document(segment, None, fields(title=""), pdf())
    assert stored_files() == []


def test_save_document_tech_check_and_other_segment_sessions_refused(app, segment, make_session,
                                                                      make_segment):
    make_session(segment=segment, code="TC1", kind="tech-check")
    make_session(segment=make_segment(), code="X1")
    with pytest.raises(ValueError) as caught:
        save_document(segment, None, fields(sessions=["TC1", "X1"]))
    assert str(caught.value) == "related sessions: no session TC1, X1 in Integration Segment 2020"


def test_slug_unique_within_segment(app, segment, make_segment):
    other = make_segment()
    slugs = [save_document(s, None, fields(title="Côte d'Ivoire: results!")).slug
             for s in (segment, segment, other, segment)]
    assert slugs == ["cote-d-ivoire-results", "cote-d-ivoire-results-2", "cote-d-ivoire-results",
                     "cote-d-ivoire-results-3"]


def test_slug_follows_title_while_draft_then_stays(app, segment):
    doc = save_document(segment, None, fields(title="Draft title"))
    save_document(segment, doc, fields(title="Final title"))
    assert doc.slug == "final-title"
    set_document_status(doc, "published")
    save_document(segment, doc, fields(title="Renamed after publication"))
    assert (doc.title, doc.slug) == ("Renamed after publication", "final-title")


def test_replace_file_removes_old_file(app, segment):
    doc = save_document(segment, None, fields(), pdf())
    old = doc.file_name
    save_document(segment, doc, fields(), (io.BytesIO(docx_bytes()), "input.docx"))
    assert doc.file_name != old
    assert (doc.file_original, doc.file_type) == (
        "input.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert stored_files() == [doc.file_name]


def test_refused_replacement_keeps_old_file(app, segment):
    doc = save_document(segment, None, fields(), pdf())
    with pytest.raises(ValueError, match="its content is not a PDF file"):
        save_document(segment, doc, fields(), (io.BytesIO(b"MZ" + b"\0" * 100), "x.pdf"))
    db.session.rollback()
    assert (doc.file_original, stored_files()) == ("sahel.pdf", [doc.file_name])


def test_remove_file_keeps_link_and_needs_one(app, segment):
    doc = save_document(segment, None, fields(link_url=""), pdf())
    with pytest.raises(ValueError, match="file or link"):
        save_document(segment, doc, fields(link_url="", remove_file=True))
    db.session.rollback()
    assert stored_files() == [doc.file_name]
    save_document(segment, doc, fields(remove_file=True))
    assert (doc.file_name, doc.file_original, doc.file_size, doc.link_url) == (
        None, None, None, "https://www.undp.org/sahel")
    assert stored_files() == []


def test_publish_and_unpublish(app, segment):
    doc = save_document(segment, None, fields())
    set_document_status(doc, "published")
    assert doc.status == "published" and doc.published_at is not None
    set_document_status(doc, "draft")
    assert (doc.status, doc.published_at) == ("draft", None)
    with pytest.raises(ValueError, match="status: choose one of draft, published"):
        set_document_status(doc, "archived")


def test_delete_document_removes_file(app, segment):
    doc = save_document(segment, None, fields(), pdf())
    delete_document(doc)
    assert count() == 0
    assert stored_files() == []


def published(segment, **overrides):
    doc = save_document(segment, None, fields(**overrides))
    return set_document_status(doc, "published")


def test_public_lists_only_published_with_filters(app, segment, undp):
    save_document(segment, None, fields(title="Draft"))
    a = published(segment, title="B case", organization_id=undp.id, tags=["sdg-5"])
    b = published(segment, title="A input", kind="input", tags=["entry-point-2"])
    c = published(segment, title="A case", kind="case-study")
    assert [d.title for d in list_documents(segment)] == ["A case", "A input", "B case", "Draft"]
    assert public_documents(segment) == [c, a, b]
    assert public_documents(segment, kind="input") == [b]
    assert public_documents(segment, organization="undp") == [a]
    assert public_documents(segment, tag="entry-point-2") == [b]
    assert find_document(segment, slug="draft") is None
    assert find_document(segment, slug="draft", public=False).title == "Draft"


def test_session_and_organization_documents_published_only(app, segment, undp, make_session,
                                                            make_segment):
    session = make_session(segment=segment, code="TS1")
    shown = published(segment, title="Shown", organization_id=undp.id, sessions=["TS1"])
    save_document(segment, None, fields(title="Draft", organization_id=undp.id, sessions=["TS1"]))
    published(make_segment(), title="Elsewhere", organization_id=undp.id)
    assert session_documents(segment, session.id) == [shown]
    assert organization_documents(segment, undp.id) == [shown]


def test_library_groups_by_kind_and_offers_used_filters(app, segment, undp):
    published(segment, title="Slides", kind="presentation", tags=["sdg-5", "action-area-a"])
    published(segment, title="Input", kind="input", organization_id=undp.id)
    published(segment, title="Case", kind="case-study")
    library = document_library(segment)
    assert [(heading, [d.title for d in docs]) for heading, docs in library.by_kind()] == [
        ("Case studies", ["Case"]), ("Presentations", ["Slides"]),
        ("Inputs from subsidiary bodies", ["Input"])]
    assert [o.key for o in library.organizations] == ["undp"]
    assert {v: [t.code for t in ts] for v, ts in library.tags.items()} == {
        "action-area": ["action-area-a"], "sdg": ["sdg-5"]}
    filtered = document_library(segment, kind="presentation", tag="sdg-5")
    assert ([d.title for d in filtered.documents], filtered.filters) == (
        ["Slides"], {"kind": "presentation", "tag": "sdg-5"})


@pytest.mark.parametrize(("args", "message"), [
    ({"kind": "report"}, "kind: no kind 'report'; choose one of case-study, presentation, input"),
    ({"organization": "who"}, "body: no documents from 'who' in this library"),
    ({"tag": "sdg-4"}, "tag: no documents tagged 'sdg-4' in this library"),
])
def test_library_unknown_filter_refused(app, segment, args, message):
    published(segment, tags=["sdg-5"])
    with pytest.raises(ValueError) as caught:
        document_library(segment, **args)
    assert str(caught.value) == message


def test_tag_vocabulary_labels_every_vocabulary_in_page_order(app, segment):
    assert set(TAG_VOCABULARY_LABELS) == set(TAG_VOCABULARIES)
    choices = form_choices(segment)
    assert choices["vocabularies"] == {"entry-point": "Entry points", "action-area": "Action areas",
                                       "sdg": "Sustainable Development Goals"}
    assert list(choices["tags"]) == ["entry-point", "action-area", "sdg"]
