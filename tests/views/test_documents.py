"""Documents pages: organizers upload and publish; the public reads only what is published."""

import hashlib
import io
from datetime import datetime, timezone

import lxml.html
import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from meeting.extensions import db
from meeting.models import Document, Organization
from meeting.site.documents import DocumentFields, public_sessions_of, save_document, set_document_status
from tests.lib.test_uploads import EXE, REAL, docx_bytes, pdf_bytes, stored_files
from tests.views.pages import csrf as token
from tests.views.pages import login

ADMIN = "/organizer/segments/is-2020/documents/"
PUBLIC = "/segments/is-2020/documents/"


def text(element) -> str:
    return " ".join(element.text_content().split())


def errors(response) -> list[str]:
    page = lxml.html.fromstring(response.data)
    return [text(p) for p in page.xpath("//p[contains(@class, 'flash-error')][@role='status']")]


def outer_html(element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def count() -> int:
    return db.session.scalar(select(func.count(Document.id)))


@pytest.fixture
def segment(make_segment):
    return make_segment(slug="is-2020", title="Integration Segment 2020")


@pytest.fixture
def organizer(client, segment):
    login(client)
    return client


def post_new(client, data: bytes | None = None, filename="sahel.pdf", **form):
    values = {"csrf_token": token(client, ADMIN + "new"), "kind": "case-study",
              "title": "Cash transfers in the Sahel", **form}
    if data is not None:
        values["file"] = (io.BytesIO(data), filename)
    return client.post(ADMIN + "new", data=values, content_type="multipart/form-data")


def published(segment, **overrides) -> Document:
    values = {"kind": "case-study", "title": "Cash transfers in the Sahel"}
    values.update(overrides)
    upload = (io.BytesIO(pdf_bytes()), "sahel.pdf") if "link_url" not in overrides else None
    return set_document_status(save_document(segment, None, DocumentFields(**values), upload), "published")


@pytest.mark.parametrize("ext", list(REAL))
def test_new_document_real_file_accepted_as_draft(app, organizer, ext):
    response = post_new(organizer, REAL[ext](), f"input.{ext}")
    doc = db.session.scalar(select(Document))
    assert response.status_code == 302
    assert response.headers["Location"] == f"{ADMIN}{doc.id}/"
    assert (doc.status, doc.file_original, doc.file_size) == ("draft", f"input.{ext}", len(REAL[ext]()))
    assert stored_files() == [doc.file_name]


def test_new_document_with_everything_from_the_form(app, organizer, segment, make_session):
    make_session(segment=segment, code="TS1")
    org = Organization(key="undp", name="United Nations Development Programme", kind="fund-programme")
    db.session.add(org)
    db.session.commit()
    response = post_new(organizer, summary="Short", body="Long", organization=str(org.id),
                        link_url="https://www.undp.org/sahel", tags=["sdg-5", "entry-point-1"],
                        sessions=["TS1"])
    assert response.status_code == 302
    doc = db.session.scalar(select(Document))
    assert (doc.summary, doc.body, doc.organization_id, doc.link_url, doc.file_name) == (
        "Short", "Long", org.id, "https://www.undp.org/sahel", None)
    assert [t.code for t in doc.tags] == ["entry-point-1", "sdg-5"]
    assert [s.code for s in doc.sessions] == ["TS1"]


DISGUISED = "file: report.pdf is named .pdf but its content is not a PDF file (it looks like EXE); " \
            "upload a PDF, DOCX, PPTX or XLSX file whose extension matches it"


@pytest.mark.parametrize(("data", "filename", "message"), [
    (EXE, "report.pdf", DISGUISED),
    (b"\x7fELF\x02\x01\x01\x00" + b"\0" * 100, "slides.pptx",
     "file: slides.pptx is named .pptx but its content is not a PPTX file (it looks like ELF); "
     "upload a PDF, DOCX, PPTX or XLSX file whose extension matches it"),
    (None, "../../etc/passwd.pdf",
     "file: '../../etc/passwd.pdf' names a folder path; upload it under a plain name such as report.pdf"),
    (None, "/etc/passwd.pdf",
     "file: '/etc/passwd.pdf' names a folder path; upload it under a plain name such as report.pdf"),
    # The multipart parser drops the backslash: what arrives is "..x.pdf", refused all the same.
    (None, "..\\x.pdf",
     "file: '..x.pdf' names a folder path; upload it under a plain name such as report.pdf"),
    (None, "setup.exe", "file: setup.exe is a .exe file; upload a PDF, DOCX, PPTX or XLSX file"),
    (None, "report.doc", "file: report.doc is a .doc file; upload a PDF, DOCX, PPTX or XLSX file"),
    (docx_bytes, "report.pdf",
     "file: report.pdf is named .pdf but its content is not a PDF file (it looks like DOCX); "
     "upload a PDF, DOCX, PPTX or XLSX file whose extension matches it"),
    (b"", "empty.pdf", "file: empty.pdf is empty"),
])
def test_upload_refused_with_message_nothing_stored(app, organizer, data, filename, message):
    data = pdf_bytes() if data is None else data() if callable(data) else data
    response = post_new(organizer, data, filename)
    assert response.status_code == 400
    assert errors(response) == [f"Not saved: {message}"]
    assert (count(), stored_files()) == (0, [])
    # What the organizer typed is still in the form.
    assert lxml.html.fromstring(response.data).xpath("//input[@name='title']/@value") == [
        "Cash transfers in the Sahel"]


def test_upload_over_configured_limit_refused(app, organizer):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    response = post_new(organizer, pdf_bytes())
    assert response.status_code == 400
    assert errors(response) == ["Not saved: file: sahel.pdf is larger than the limit of 1,000 bytes"]
    assert (count(), stored_files()) == (0, [])


def test_upload_far_over_limit_refused_before_reading(app, organizer):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    # Encoded here: the test client would spool a body this big to a file it never closes.
    boundary, body = encode_multipart({
        "csrf_token": token(organizer, ADMIN + "new"), "kind": "case-study", "title": "Big",
        "file": FileStorage(io.BytesIO(b"%PDF" + b"0" * (3 * 1024 * 1024)), "big.pdf")})
    response = organizer.post(ADMIN + "new", data=body,
                              content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert errors(response) == ["Not saved: file: the upload is larger than the limit of 1,000 bytes."]
    assert (count(), stored_files()) == (0, [])


def test_upload_limit_default_is_25_mb(app):
    assert app.config["MAX_UPLOAD_BYTES"] == 25 * 1024 * 1024


def test_missing_file_and_link_refused(app, organizer):
    response = post_new(organizer)
    assert response.status_code == 400
    assert errors(response) == ["Not saved: file or link: upload a file or give a link (or both)"]
    assert count() == 0


def test_csrf_refused_without_token(app, organizer):
    response = organizer.post(ADMIN + "new", data={
        "kind": "case-study", "title": "x", "file": (io.BytesIO(pdf_bytes()), "x.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.data.decode()
    assert (count(), stored_files()) == (0, [])


def test_viewer_sees_but_cannot_post(app, client, segment):
    doc = published(segment)
    login(client, "viewer")
    assert client.get(ADMIN).status_code == 200
    csrf = token(client, ADMIN)
    for url, data in [(ADMIN + "new", {"kind": "case-study", "title": "x", "link_url": "https://un.org"}),
                      (f"{ADMIN}{doc.id}/status", {"status": "draft"}),
                      (f"{ADMIN}{doc.id}/delete", {"confirm": "yes"})]:
        assert client.post(url, data={"csrf_token": csrf, **data}).status_code == 403
    db.session.expire_all()
    assert (count(), doc.status, len(stored_files())) == (1, "published", 1)


def test_organizer_pages_need_login(client, segment):
    assert client.get(ADMIN).status_code == 302


def test_organizer_list_shows_status_kind_body_file(app, organizer, segment):
    published(segment)
    save_document(segment, None, DocumentFields(kind="input", title="Draft input", link_url="https://un.org/x"))
    page = lxml.html.fromstring(organizer.get(ADMIN).data)
    rows = [[text(td) for td in tr.xpath("td")[:5]] for tr in page.xpath("//tbody/tr")]
    assert rows == [["Draft input", "Input from a subsidiary body", "", "link", "draft"],
                    ["Cash transfers in the Sahel", "Case study", "", "sahel.pdf", "published"]]
    dashboard = lxml.html.fromstring(organizer.get("/organizer/segments/is-2020/").data)
    assert dashboard.xpath("//a[text()='Documents']/@href") == [ADMIN]


def test_edit_replaces_file_and_removes_old(app, organizer, segment):
    doc = published(segment)
    old = doc.file_name
    url = f"{ADMIN}{doc.id}/"
    response = organizer.post(url, data={
        "csrf_token": token(organizer, url), "kind": "presentation", "title": "Sahel slides",
        "file": (io.BytesIO(REAL["pptx"]()), "slides.pptx")}, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    assert (doc.kind, doc.title, doc.slug, doc.file_original) == (
        "presentation", "Sahel slides", "cash-transfers-in-the-sahel", "slides.pptx")
    assert stored_files() == [doc.file_name] != [old]


def test_publish_and_unpublish_buttons(app, organizer, segment):
    doc = save_document(segment, None, DocumentFields(kind="case-study", title="Draft", link_url="https://un.org"))
    csrf = token(organizer, ADMIN)
    assert organizer.post(f"{ADMIN}{doc.id}/status", data={"csrf_token": csrf, "status": "published"}) \
        .headers["Location"] == ADMIN
    db.session.expire_all()
    assert doc.status == "published"
    response = organizer.post(f"{ADMIN}{doc.id}/status", data={"csrf_token": csrf, "status": "draft",
                                                              "next": "edit"})
    assert response.headers["Location"] == f"{ADMIN}{doc.id}/"
    db.session.expire_all()
    assert doc.status == "draft"


def test_delete_needs_confirmation_then_removes_row_and_file(app, organizer, segment):
    doc = published(segment)
    url = f"{ADMIN}{doc.id}/delete"
    csrf = token(organizer, f"{ADMIN}{doc.id}/")
    response = organizer.post(url, data={"csrf_token": csrf})
    assert response.status_code == 400
    assert errors(response) == ["Not deleted: tick “Yes, delete this document and its file” to confirm."]
    assert (count(), len(stored_files())) == (1, 1)
    assert organizer.post(url, data={"csrf_token": csrf, "confirm": "yes"}).headers["Location"] == ADMIN
    assert (count(), stored_files()) == (0, [])


def test_organizer_downloads_draft_file(app, organizer, segment):
    doc = save_document(segment, None, DocumentFields(kind="case-study", title="Draft"),
                        (io.BytesIO(pdf_bytes()), "sahel.pdf"))
    assert organizer.get(f"{ADMIN}{doc.id}/file", buffered=True).data == pdf_bytes()
    assert organizer.get(f"{PUBLIC}draft/file").status_code == 404


def test_download_headers_exact(app, client, segment):
    doc = published(segment)
    response = client.get(f"{PUBLIC}{doc.slug}/file", buffered=True)
    assert response.status_code == 200
    assert response.data == pdf_bytes()
    headers = response.headers
    assert (headers["Content-Type"], headers["Content-Disposition"], headers["X-Content-Type-Options"],
            headers["ETag"], headers["Content-Length"]) == (
        "application/pdf", "attachment; filename=sahel.pdf", "nosniff",
        f'"{hashlib.sha256(pdf_bytes()).hexdigest()}"', str(len(pdf_bytes())))
    assert headers["Last-Modified"].endswith(" GMT")


def test_download_non_ascii_name_rfc_6266(app, client, segment):
    doc = save_document(segment, None, DocumentFields(kind="input", title="Étude"),
                        (io.BytesIO(docx_bytes()), "Étude – Côte d'Ivoire.docx"))
    set_document_status(doc, "published")
    response = client.get(f"{PUBLIC}etude/file", buffered=True)
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"Etude  Cote d'Ivoire.docx\"; "
        "filename*=UTF-8''%C3%89tude%20%E2%80%93%20C%C3%B4te%20d%27Ivoire.docx")
    assert response.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def browser_multipart(fields: dict[str, str], filename: str, data: bytes) -> tuple[bytes, str]:
    """A form as a browser encodes it: a double quote in a file name is sent as %22."""
    boundary = "----meeting-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in fields.items()]
    escaped = filename.replace('"', "%22")
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{escaped}"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n")
    body = "".join(parts).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_upload_name_with_quote_and_override_tidied(app, organizer, segment):
    body, content_type = browser_multipart(
        {"csrf_token": token(organizer, ADMIN + "new"), "kind": "case-study", "title": "Recover better"},
        'Panel "Recover better"\u202e.pdf', pdf_bytes())
    response = organizer.post(ADMIN + "new", data=body, content_type=content_type)
    assert response.status_code == 302
    doc = db.session.scalar(select(Document))
    assert doc.file_original == "Panel 'Recover better'.pdf"
    set_document_status(doc, "published")
    response = organizer.get(f"{PUBLIC}{doc.slug}/file", buffered=True)
    assert response.headers["Content-Disposition"] == "attachment; filename=\"Panel 'Recover better'.pdf\""


def test_download_304_when_unchanged(app, client, segment):
    doc = published(segment)
    etag = client.get(f"{PUBLIC}{doc.slug}/file", buffered=True).headers["ETag"]
    response = client.get(f"{PUBLIC}{doc.slug}/file", headers={"If-None-Match": etag}, buffered=True)
    assert (response.status_code, response.data) == (304, b"")


def test_drafts_404_publicly_and_appear_after_publish(app, client, segment):
    doc = save_document(segment, None, DocumentFields(kind="case-study", title="Sahel"),
                        (io.BytesIO(pdf_bytes()), "sahel.pdf"))
    library = lxml.html.fromstring(client.get(PUBLIC).data)
    assert library.xpath("//ul[@class='document-list']//h3") == []
    assert client.get(f"{PUBLIC}sahel/").status_code == 404
    assert client.get(f"{PUBLIC}sahel/file").status_code == 404
    set_document_status(doc, "published")
    library = lxml.html.fromstring(client.get(PUBLIC).data)
    assert [text(h) for h in library.xpath("//ul[@class='document-list']//h3")] == ["Sahel"]
    assert client.get(f"{PUBLIC}sahel/").status_code == 200
    assert client.get(f"{PUBLIC}sahel/file", buffered=True).status_code == 200


def test_unpublished_segment_documents_404(app, client, make_segment):
    segment = make_segment(slug="is-2020", published=False)
    doc = published(segment)
    for url in (PUBLIC, f"{PUBLIC}{doc.slug}/", f"{PUBLIC}{doc.slug}/file"):
        assert client.get(url).status_code == 404


def test_document_page_shows_everything(app, client, segment, make_session):
    make_session(segment=segment, code="TS1", title="Leaving no one behind")
    org = Organization(key="undp", name="United Nations Development Programme", kind="fund-programme")
    db.session.add(org)
    db.session.commit()
    doc = published(segment, kind="input", summary="The **short** version.", body="## Findings\n\nMore.",
                    organization_id=org.id, tags=["sdg-5"], sessions=["TS1"])
    page = lxml.html.fromstring(client.get(f"{PUBLIC}{doc.slug}/").data)
    article = page.xpath("//article")[0]
    assert text(article.xpath("h1")[0]) == "Cash transfers in the Sahel"
    assert text(article.xpath("p")[0]) == "Input from a subsidiary body"
    assert text(article.xpath("p[@class='document-body-name']")[0]) == (
        "From United Nations Development Programme")
    assert outer_html(article.xpath("div[@class='summary']")[0]) == (
        '<div class="summary"><p>The <strong>short</strong> version.</p>\n</div>')
    assert article.xpath("div[@class='document-text']/h2/text()") == ["Findings"]
    assert article.xpath(".//a[@class='download']/@href") == [f"{PUBLIC}{doc.slug}/file"]
    assert text(article.xpath(".//a[@class='download']/..")[0]) == (
        f"Download PDF ({round(len(pdf_bytes()) / 1024)} KB)")
    assert article.xpath(".//p[@class='tags']/a/@href") == [f"{PUBLIC}?tag=sdg-5"]
    assert article.xpath(".//ul[@class='session-list']/li/a/@href") == ["/segments/is-2020/sessions/TS1/"]
    assert page.xpath("//nav[@class='segment-nav']/a[@aria-current='page']/text()") == ["Documents"]


def test_document_page_leaves_out_session_that_became_tech_check(app, client, segment, make_session):
    make_session(segment=segment, code="TS1", title="Leaving no one behind")
    later = make_session(segment=segment, code="TS2", title="Rehearsal, then a tech check",
                         start=datetime(2020, 7, 6, 15, 0, tzinfo=timezone.utc))
    doc = published(segment, sessions=["TS1", "TS2"])
    # Linked while public; the form refuses tech checks only when a document is saved.
    later.kind = "tech-check"
    db.session.commit()
    assert [s.code for s in doc.sessions] == ["TS1", "TS2"]
    assert [s.code for s in public_sessions_of(doc)] == ["TS1"]
    page = lxml.html.fromstring(client.get(f"{PUBLIC}{doc.slug}/").data)
    assert page.xpath("//ul[@class='session-list']/li/a/@href") == ["/segments/is-2020/sessions/TS1/"]
    assert "Rehearsal" not in client.get(f"{PUBLIC}{doc.slug}/").data.decode()


def test_document_page_only_tech_check_sessions_has_no_related_heading(app, client, segment, make_session):
    check = make_session(segment=segment, code="TS1", title="Soon a tech check")
    doc = published(segment, sessions=["TS1"])
    check.kind = "tech-check"
    db.session.commit()
    assert public_sessions_of(doc) == []
    page = lxml.html.fromstring(client.get(f"{PUBLIC}{doc.slug}/").data)
    assert page.xpath("//h2[text()='Related sessions'] | //ul[@class='session-list']") == []


def test_markdown_neutralized_on_public_page(app, client, segment):
    doc = published(segment, summary="<script>alert('summary')</script>**Safe**",
                    body="<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n"
                         '<a href="https://www.un.org" onclick="steal()">UN</a>\n\n<iframe src="https://evil.example"></iframe>')
    html = client.get(f"{PUBLIC}{doc.slug}/").data.decode()
    article = lxml.html.fromstring(html).xpath("//article")[0]
    assert article.xpath(".//script | .//img | .//iframe") == []
    assert [a for a in article.iter() if any(name.startswith("on") for name in a.attrib)] == []
    assert "javascript:" not in article.xpath("string(.//a/@href)")
    assert "alert('summary')" not in html
    assert outer_html(article.xpath("div[@class='document-text']")[0]) == (
        '<div class="document-text">\n<p>[x](javascript:alert(1))</p>\n'
        '<p><a href="https://www.un.org" rel="noopener noreferrer nofollow">UN</a></p>\n</div>')


def test_library_filters_by_kind_body_tag(app, client, segment):
    org = Organization(key="eca", name="Economic Commission for Africa", kind="regional-commission")
    db.session.add(org)
    db.session.commit()
    published(segment, title="Case", link_url="https://un.org/1", tags=["sdg-5"])
    published(segment, title="Input", kind="input", link_url="https://un.org/2", organization_id=org.id)

    def titles(query=""):
        page = lxml.html.fromstring(client.get(PUBLIC + query).data)
        return [text(h) for h in page.xpath("//ul[@class='document-list']//h3")]

    assert titles() == ["Case", "Input"]
    assert titles("?kind=input") == ["Input"]
    assert titles("?body=eca") == ["Input"]
    assert titles("?tag=sdg-5") == ["Case"]
    page = lxml.html.fromstring(client.get(PUBLIC).data)
    assert [text(h) for h in page.xpath("//section[@class='document-kind']/h2")] == [
        "Case studies (1)", "Inputs from subsidiary bodies (1)"]
    response = client.get(PUBLIC + "?kind=report")
    assert response.status_code == 400
    assert ("kind: no kind &#39;report&#39;; choose one of case-study, presentation, input"
            in response.data.decode())


def test_library_etag_304_and_changes_after_publish(app, client, segment):
    first = client.get(PUBLIC)
    assert client.get(PUBLIC, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    published(segment, link_url="https://un.org/x")
    again = client.get(PUBLIC, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]
