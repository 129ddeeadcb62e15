"""Key messages pages: the organizer's editor and the public compilation with its PDF and DOCX."""

import io
from datetime import date

import lxml.html
import pytest
from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from flask import url_for
from pdfminer.high_level import extract_text
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.models import Document, KeyMessage, Organization, Tag
from meeting.site.key_messages import (
    COMPILATION_INTRO,
    CROSS_CUTTING,
    KeyMessageInput,
    create_key_message,
    publish_key_message,
)
from tests.views.pages import csrf as token
from tests.views.pages import login

EP1 = "Human well-being and capabilities"
EP4 = "Energy decarbonization with universal access"
INTRO_START = "This is the compilation of the key messages of the ECOSOC subsidiary bodies"


def label(code: str) -> str:
    return db.session.scalar(select(Tag.label).where(Tag.code == code))


def count() -> int:
    return db.session.scalar(select(func.count(KeyMessage.id)))


def add(segment, organization, text, *codes, published=True, source=None) -> KeyMessage:
    made = create_key_message(segment, KeyMessageInput(organization.id, text, codes,
                                                       source.id if source else None))
    if published:
        publish_key_message(made)
    return made


def document_href(app, slug: str, doc_slug: str, external: bool = False) -> str:
    """Where a source link points: the documents blueprint's page once it exists."""
    with app.test_request_context():
        if "documents.show" in app.view_functions:
            return url_for("documents.show", slug=slug, doc_slug=doc_slug, _external=external)
    return ("http://localhost" if external else "") + f"/segments/{slug}/documents/{doc_slug}/"


@pytest.fixture
def site(app, make_segment):
    """A published segment with two bodies' messages, a draft, and sources public and draft."""
    segment = make_segment(slug="is-2020", title="2020 ECOSOC Integration Segment")
    other = make_segment(slug="elsewhere")
    unicef = Organization(key="unicef", name="United Nations Children's Fund", acronym="UNICEF")
    csw = Organization(key="csw", name="Commission on the Status of Women")
    db.session.add_all([unicef, csw])
    report = Document(segment=segment, slug="unicef-input", kind="input", title="UNICEF input",
                      status="published")
    hidden = Document(segment=segment, slug="draft-note", kind="input", title="Unfinished note",
                      status="draft")
    foreign = Document(segment=other, slug="foreign", kind="input", title="Foreign", status="published")
    db.session.add_all([report, hidden, foreign])
    db.session.commit()
    add(segment, unicef, "Invest in children <first>.", "entry-point-1", "entry-point-4",
        "action-area-b", "action-area-a", source=report)
    add(segment, csw, "Gender equality accelerates every goal.", "entry-point-1", source=hidden)
    add(segment, unicef, "Draft wording, not agreed.", "entry-point-1", published=False)
    add(segment, csw, "Financing must be gender-responsive.", "action-area-c")
    return {"segment": segment, "unicef": unicef, "csw": csw, "report": report, "hidden": hidden,
            "foreign": foreign}


# The public compilation ---------------------------------------------------------------

def test_compilation_page_headings_bodies_and_messages_in_order(client, site, app):
    response = client.get("/segments/is-2020/key-messages/")
    assert response.status_code == 200
    html = lxml.html.fromstring(response.data)
    sections = [(s.findtext("h2"), [(b.findtext("h3"), [" ".join(m.text_content().split())
                                                       for m in b.xpath(".//div[@class='km-text']")])
                                    for b in s.xpath("./section")])
                for s in html.xpath("//section[@class='km-theme']")]
    assert sections == [
        (EP1, [("Commission on the Status of Women", ["1. Gender equality accelerates every goal."]),
               ("United Nations Children's Fund (UNICEF)", ["2. Invest in children <first>."])]),
        (EP4, [("United Nations Children's Fund (UNICEF)", ["3. Invest in children <first>."])]),
        (CROSS_CUTTING, [("Commission on the Status of Women", ["4. Financing must be gender-responsive."])]),
    ]
    contents = [" ".join(li.text_content().split()) for li in html.xpath("//nav[@class='km-contents']//li")]
    assert contents == ["Commission on the Status of Women: paragraphs 1 and 4 1 4",
                        "United Nations Children's Fund (UNICEF): paragraphs 2 and 3 2 3"]
    assert html.xpath("//nav[@class='km-contents']//li[1]/a/@href") == ["#para-1", "#para-4"]
    assert html.xpath("//nav[@class='segment-nav']/a[@aria-current='page']/text()") == ["Key messages"]
    assert INTRO_START in response.text and "HLPF" in response.text


def test_compilation_page_escapes_text_and_links_only_published_sources(client, site, app):
    page = client.get("/segments/is-2020/key-messages/").text
    assert "Invest in children &lt;first&gt;." in page and "<first>" not in page
    html = lxml.html.fromstring(page)
    assert html.xpath("//p[@class='km-source']/a/@href") == [
        document_href(app, "is-2020", "unicef-input")] * 2
    assert "Unfinished note" not in page and "draft-note" not in page
    assert "Draft wording" not in page
    areas = html.xpath("//section[@id='theme-entry-point-4']//span[@class='tag tag-action-area']/text()")
    assert areas == [label("action-area-a"), label("action-area-b")]


def test_compilation_pdf_has_every_published_message_under_its_heading(client, site):
    response = client.get("/segments/is-2020/key-messages.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="is-2020-key-messages.pdf"'
    text = " ".join(extract_text(io.BytesIO(response.data)).split())
    expected = ["Compilation of key messages", "2020 ECOSOC Integration Segment · compiled",
                EP1, "Commission on the Status of Women", "Gender equality accelerates every goal.",
                "United Nations Children's Fund (UNICEF)", "Invest in children <first>.",
                "Source: UNICEF input",
                EP4, "United Nations Children's Fund (UNICEF)", "Invest in children <first>.",
                CROSS_CUTTING, "Commission on the Status of Women", "Financing must be gender-responsive."]
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing after position {position}"
        position = found + len(piece)
    assert "Draft wording" not in text and "Unfinished note" not in text
    assert "page 1 of" in text


def test_compilation_docx_paragraphs_exact(client, site, app):
    segment = site["segment"]
    segment.compilation_symbol, segment.compilation_date = "E/HLPF/2020/CRP.1", date(2020, 7, 3)
    db.session.commit()
    response = client.get("/segments/is-2020/key-messages.docx")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert response.headers["Content-Disposition"] == 'attachment; filename="is-2020-key-messages.docx"'
    doc = DocxDocument(io.BytesIO(response.data))
    day = "3 July 2020"
    link = document_href(app, "is-2020", "unicef-input", external=True)
    areas = f"Action areas: {label('action-area-a')}; {label('action-area-b')}"
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs == [
        ("Normal", "E/HLPF/2020/CRP.1"),
        ("Normal", day),
        ("Normal", "Original: English"),
        ("Title", "Compilation of key messages"),
        ("Subtitle", f"2020 ECOSOC Integration Segment · compiled {day}"),
        ("Normal", paragraphs[5][1]),
        ("Heading 1", "Contents by body"),
        ("Normal", "Commission on the Status of Women: paragraphs 1 and 4"),
        ("Normal", "United Nations Children's Fund (UNICEF): paragraphs 2 and 3"),
        ("Heading 1", EP1),
        ("Heading 2", "Commission on the Status of Women"),
        ("Normal", "1.\tGender equality accelerates every goal."),
        ("Heading 2", "United Nations Children's Fund (UNICEF)"),
        ("Normal", "2.\tInvest in children <first>."),
        ("Key message details", f"{areas} · Source: UNICEF input ({link})"),
        ("Heading 1", EP4),
        ("Heading 2", "United Nations Children's Fund (UNICEF)"),
        ("Normal", "3.\tInvest in children <first>."),
        ("Key message details", f"{areas} · Source: UNICEF input ({link})"),
        ("Heading 1", CROSS_CUTTING),
        ("Heading 2", "Commission on the Status of Women"),
        ("Normal", "4.\tFinancing must be gender-responsive."),
        ("Key message details", f"Action areas: {label('action-area-c')}"),
    ]
    assert paragraphs[5][1] == COMPILATION_INTRO
    assert [p.alignment for p in doc.paragraphs[:3]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 3
    assert doc.sections[0].header.paragraphs[0].text == (
        "E/HLPF/2020/CRP.1 · 2020 ECOSOC Integration Segment · Compilation of key messages")
    assert doc.core_properties.title == "Compilation of key messages: 2020 ECOSOC Integration Segment"


def test_compilation_docx_message_paragraphs_become_line_breaks(client, site):
    add(site["segment"], site["csw"], "First paragraph\nstill first.\n\nSecond paragraph.", "entry-point-6")
    doc = DocxDocument(io.BytesIO(client.get("/segments/is-2020/key-messages.docx").data))
    texts = [p.text for p in doc.paragraphs]
    assert "4.\tFirst paragraph still first.\nSecond paragraph." in texts


@pytest.mark.parametrize("url", ["/segments/is-2020/key-messages/", "/segments/is-2020/key-messages.pdf",
                                 "/segments/is-2020/key-messages.docx"])
def test_compilation_answers_304_when_unchanged(client, site, url):
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert (again.status_code, again.data) == (304, b"")
    assert again.headers["ETag"] == first.headers["ETag"]
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 304


def test_compilation_etag_changes_when_a_message_is_published(client, site):
    first = client.get("/segments/is-2020/key-messages/")
    draft = db.session.scalar(select(KeyMessage).where(KeyMessage.status == "draft"))
    publish_key_message(draft)
    again = client.get("/segments/is-2020/key-messages/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and "Draft wording, not agreed." in again.text


@pytest.mark.parametrize("url", ["/segments/is-2020/key-messages/", "/segments/is-2020/key-messages.pdf",
                                 "/segments/is-2020/key-messages.docx"])
def test_compilation_unpublished_segment_404(client, site, url):
    site["segment"].published = False
    db.session.commit()
    assert client.get(url).status_code == 404


def test_compilation_without_messages_says_so(client, make_segment):
    make_segment(slug="empty")
    assert "No key messages have been published yet." in client.get("/segments/empty/key-messages/").text


# The organizer's pages ----------------------------------------------------------------

ADMIN = "/organizer/segments/is-2020/key-messages/"


def form(client, site, **overrides):
    values = {"csrf_token": token(client, ADMIN + "new"), "organization": str(site["csw"].id),
              "text": "  A new message.  ", "tags": ["entry-point-2", "action-area-d"],
              "document": str(site["report"].id)}
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def test_organizer_adds_key_message_as_draft(client, site):
    login(client)
    response = client.post(ADMIN + "new", data=form(client, site))
    assert response.status_code == 302
    made = db.session.scalar(select(KeyMessage).order_by(KeyMessage.id.desc()))
    assert (made.text, made.status, made.organization_id, made.document_id) == (
        "A new message.", "draft", site["csw"].id, site["report"].id)
    assert sorted(t.code for t in made.tags) == ["action-area-d", "entry-point-2"]
    listing = client.get(ADMIN).text
    assert "Key message added as a draft." in listing and "A new message." in listing


@pytest.mark.parametrize(("overrides", "error"), [
    ({"organization": ""}, "Not saved: body: choose the body whose message it is"),
    ({"text": "   "}, "Not saved: text: write the key message"),
    ({"tags": ["entry-point-1", "sdg-5"]}, "Not saved: tags: sdg-5 is not an entry point or an action area"),
    ({"document": "foreign"}, "Not saved: source document: choose one from the list"),
])
def test_organizer_add_bad_input_refused_nothing_changed(client, site, overrides, error):
    login(client)
    before = count()
    response = client.post(ADMIN + "new", data=form(client, site, **overrides))
    assert response.status_code == 400
    assert error in " ".join(lxml.html.fromstring(response.data).xpath("//p[@role='status']/text()"))
    assert count() == before


def test_organizer_add_source_from_other_segment_refused(client, site):
    login(client)
    before = count()
    response = client.post(ADMIN + "new", data=form(client, site, document=str(site["foreign"].id)))
    assert response.status_code == 400
    assert "source document: choose one of this segment&#39;s documents" in response.text
    assert count() == before
    # The refused input is kept in the form.
    html = lxml.html.fromstring(response.data)
    assert html.xpath("//textarea[@name='text']/text()") == ["  A new message.  "]
    assert html.xpath("//input[@name='tags'][@checked]/@value") == ["entry-point-2", "action-area-d"]


def test_organizer_post_without_csrf_refused(client, site):
    login(client)
    before = count()
    response = client.post(ADMIN + "new", data=form(client, site, csrf_token=None))
    assert response.status_code == 400 and count() == before


def test_organizer_edit_bad_input_changes_nothing(client, site):
    login(client)
    target = db.session.scalar(select(KeyMessage).where(KeyMessage.text.like("Financing%")))
    url = f"{ADMIN}{target.id}"
    response = client.post(url, data=form(client, site, text="Changed.", tags=["sdg-1"]))
    assert response.status_code == 400
    db.session.expire_all()
    assert (target.text, [t.code for t in target.tags]) == (
        "Financing must be gender-responsive.", ["action-area-c"])
    assert client.post(url, data=form(client, site, text="Changed.")).status_code == 302
    db.session.expire_all()
    assert target.text == "Changed."


def test_organizer_publish_unpublish_delete_and_move(client, site):
    login(client)
    csw = site["csw"]
    first, second = db.session.scalars(select(KeyMessage).where(KeyMessage.organization_id == csw.id)
                                       .order_by(KeyMessage.position)).all()
    csrf = {"csrf_token": token(client, ADMIN)}
    assert client.post(f"{ADMIN}{first.id}/unpublish", data=csrf).status_code == 302
    db.session.expire_all()
    assert first.status == "draft"
    assert "Gender equality" not in client.get("/segments/is-2020/key-messages/").text
    client.post(f"{ADMIN}{first.id}/publish", data=csrf)
    db.session.expire_all()
    assert first.status == "published"
    client.post(f"{ADMIN}{second.id}/move/up", data=csrf)
    db.session.expire_all()
    assert (second.position, first.position) == (1, 2)
    client.post(f"{ADMIN}{second.id}/delete", data=csrf)
    db.session.expire_all()
    assert db.session.get(KeyMessage, second.id) is None


def test_organizer_message_of_other_segment_404(client, site, make_segment):
    login(client)
    other = make_segment(slug="other")
    foreign = add(other, site["csw"], "Elsewhere.")
    assert client.get(f"{ADMIN}{foreign.id}").status_code == 404
    assert client.post(f"{ADMIN}{foreign.id}/delete", data={"csrf_token": token(client, ADMIN)}
                       ).status_code == 404


def test_organizer_list_groups_by_body_with_status(client, site):
    login(client)
    html = lxml.html.fromstring(client.get(ADMIN).data)
    assert [" ".join(h.text_content().split()) for h in html.xpath("//section[@class='km-admin-body']/h2")] \
        == ["Commission on the Status of Women", "United Nations Children's Fund (UNICEF)"]
    statuses = [" ".join(li.xpath(".//span[contains(@class, 'badge')]/text()"))
                for li in html.xpath("//li[contains(@class, 'km-admin-item')]")]
    assert statuses == ["published", "published", "published", "draft"]
    assert "(draft document: not shown to the public)" in client.get(ADMIN).text


def test_viewer_cannot_change_key_messages(client, site):
    login(client, "viewer")
    target = db.session.scalar(select(KeyMessage).where(KeyMessage.status == "draft"))
    csrf = {"csrf_token": token(client, ADMIN)}
    assert client.get(ADMIN).status_code == 200
    assert client.post(ADMIN + "new", data=form(client, site)).status_code == 403
    assert client.post(f"{ADMIN}{target.id}/publish", data=csrf).status_code == 403
    assert client.post(f"{ADMIN}{target.id}/delete", data=csrf).status_code == 403
    db.session.expire_all()
    assert target.status == "draft" and count() == 4


def test_organizer_pages_need_login(client, site):
    assert client.get(ADMIN).status_code == 302


def test_organizer_stale_move_from_second_organizer_refused_409_naming_who(app, site):
    # Each organizer in an app context of their own (Flask-Login keeps the user in g).
    first, other = app.test_client(), app.test_client()
    pages = {}
    for client, role in ((first, "organizer"), (other, "admin")):
        with app.app_context():
            login(client, role)
            pages[role] = lxml.html.fromstring(client.get(ADMIN).data)
    csw = site["csw"]
    one, two = db.session.scalars(select(KeyMessage).where(KeyMessage.organization_id == csw.id)
                                  .order_by(KeyMessage.position)).all()

    def move_form(role, message):
        form = pages[role].xpath(f"//form[contains(@action, '/{message.id}/move/')]")[0]
        return dict(form.form_values())

    with app.app_context():
        assert first.post(f"{ADMIN}{two.id}/move/up", data=move_form("organizer", two)).status_code == 302
    with app.app_context():
        refused = other.post(f"{ADMIN}{one.id}/move/down", data=move_form("admin", one))
    assert refused.status_code == 409
    conflict = lxml.html.fromstring(refused.data).get_element_by_id("conflict").text_content()
    assert conflict.startswith(
        "The order of the key messages of Commission on the Status of Women changed while you were "
        "editing: organizer@un.org changed the order of the key messages of Commission on the Status "
        "of Women: “Financing must be gender-responsive.” up one place at ")
    db.session.expire_all()
    assert (two.position, one.position) == (1, 2)  # the first organizer's move, once


def test_compilation_docx_is_a4_with_header_and_page_numbers(client, site):
    doc = DocxDocument(io.BytesIO(client.get("/segments/is-2020/key-messages.docx").data))
    (section,) = doc.sections
    # A4 (Word stores twips, so millimetres come back rounded).
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [p.text for p in section.header.paragraphs] == [
        "2020 ECOSOC Integration Segment · Compilation of key messages"]
    footer = section.footer.paragraphs[0]._p
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fields = [f.get(f"{w}instr") for f in footer.iter(f"{w}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text == "Page  of "  # the fields' own text is Word's
