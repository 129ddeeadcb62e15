"""Every public URL of the default programme, found by following links like a visitor would.

The crawler starts at / with no login, follows every same-site link and every form's GET
action, and checks that each answers 200 and that nothing private is in it: passcodes,
dial-in numbers, meeting ids, join links, e-mail addresses, tech-check titles, people who
only declined, draft documents, draft key messages and unpublished segments. PDF and DOCX
responses are compressed, so their text is extracted and checked too. It also checks that
every public GET route of the app was reached, so a new page cannot escape the crawl.
"""

import io
import re
from urllib.parse import urljoin, urlsplit

import docx
import lxml.html
import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select
from weasyprint import HTML

from meeting.extensions import db
from meeting.floor.lists import inscribe, open_list, save_list
from meeting.floor.statements import save_statement, set_delivered
from meeting.lib.uploads import FILE_TYPES, store_upload
from meeting.models import Document, KeyMessage, Organization, Person, Session, Tag
from meeting.site.publishing import publish_segment
from tests.conftest import load_published
from tests.formats.open_data_checks import private_values

# The speaker screen and inscription pages are reached by signed links, like the portal: never
# linked from public pages.
PRIVATE_BLUEPRINTS = ("organizer", "portal", "auth", "static", "screen", "floor_public")
# The API's catch-all answers 404 on purpose (a JSON error for any unknown /api/ path).
NOT_PAGES = {"api.not_found"}
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/calendar+xml",
              "application/javascript")
# Private values the default programme and this fixture use, caught wherever they appear.
SENTINELS = {"SECRET", "@example.org", "/join/", "IS2020", "TC2020", "646 555", "938 5521", "22 555 73",
             "212 555 71", "917 555 72"}


@pytest.fixture
def site(app, make_segment, make_session):
    """The default programme, published, with public and private documents and messages."""
    segment = load_published()
    s2 = db.session.scalar(select(Session).where(Session.code == "S2"))
    fao = db.session.scalar(select(Organization).where(Organization.key == "fao"))
    statcom = db.session.scalar(select(Organization).where(Organization.key == "statcom"))
    entry_point = db.session.scalar(select(Tag).where(Tag.code == "entry-point-1"))
    pdf = HTML(string="<h1>Food systems</h1><p>A case study.</p>").write_pdf()
    stored = store_upload(io.BytesIO(pdf), "food-systems.pdf")
    case = Document(segment=segment, slug="fao-case-study", kind="case-study", title="Food systems",
                    summary="A **case** study.", organization=fao, link_url="https://example.org/fao",
                    status="published", tags=[entry_point], sessions=[s2],
                    file_name=stored.name, file_original=stored.original,
                    file_type=stored.content_type, file_size=stored.size, file_sha256=stored.sha256)
    draft = Document(segment=segment, slug="draft-input", kind="input",
                     title="SECRET DRAFT DOCUMENT", summary="Figures not yet cleared.",
                     organization=statcom, status="draft", link_url="https://example.org/draft")
    db.session.add_all([case, draft,
                        KeyMessage(segment=segment, organization=fao, text="Published message.",
                                   document=case, status="published", tags=[entry_point]),
                        KeyMessage(segment=segment, organization=statcom,
                                   text="SECRET DRAFT MESSAGE", document=draft, status="draft")])
    # The run-of-show contacts: private, on the moderator's sheet and the person's own portal only.
    for n, session in enumerate(segment.sessions):
        session.host_email, session.host_phone = f"host.{n}@example.org", f"+1 212 555 71{n:02d}"
        session.producer_email, session.producer_phone = f"producer.{n}@example.org", f"+1 917 555 72{n:02d}"
    for n, person in enumerate(db.session.scalars(select(Person).order_by(Person.key))):
        person.backup_phone = f"+41 22 555 73{n:02d} ext. {n}"
    # A list of speakers: one statement delivered (public), one still embargoed.
    speakers = open_list(db.session.scalar(select(Session).where(Session.code == "S5")))
    brazil, india = (
        inscribe(speakers, db.session.scalar(select(Organization).where(Organization.key == key)),
                 speaker_name=f"H.E. Minister {key}", level="minister", statement_type="national",
                 by="inscription link", contact_email=f"{key}@example.org")
        for key in ("brazil", "india"))
    save_list(speakers)
    delivered = HTML(string="<h1>Statement of Brazil</h1><p>Delivered.</p>").write_pdf()
    save_statement(brazil, (io.BytesIO(delivered), "Statement of Brazil.pdf"), "https://example.org/b",
                   "inscription link")
    set_delivered(brazil, True, "tests")
    embargoed = HTML(string="<h1>SECRET EMBARGOED STATEMENT</h1>").write_pdf()
    save_statement(india, (io.BytesIO(embargoed), "SECRET statement of India.pdf"),
                   "https://example.org/SECRET-video", "inscription link")
    hidden = make_segment(slug="hidden-segment", title="SECRET UNPUBLISHED SEGMENT", published=False)
    make_session(segment=hidden, title="SECRET UNPUBLISHED SESSION")
    db.session.commit()
    publish_segment(segment, by="tests")
    return segment


def pdf_text(body: bytes) -> str:
    """The text of a PDF: its streams are compressed, so the raw bytes hide it."""
    return extract_text(io.BytesIO(body))


def docx_text(body: bytes) -> str:
    """The text of a DOCX (a zip): paragraphs, tables, headers, footers, properties, link targets."""
    document = docx.Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for part in (section.header, section.footer) for p in part.paragraphs]
    props = document.core_properties
    parts += [props.title, props.subject, props.author, props.keywords, props.comments]
    parts += [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    return "\n".join(p for p in parts if p)


EXTRACTORS = {"application/pdf": pdf_text, FILE_TYPES["docx"]: docx_text}


def text_of(mimetype: str, body: bytes) -> str:
    """What a visitor reads in a response; a compressed type with no extractor fails the crawl."""
    if mimetype.startswith(TEXT_TYPES):
        return body.decode("utf-8-sig", "replace")
    assert mimetype in EXTRACTORS, f"no text extractor for {mimetype}: its content would go unchecked"
    return EXTRACTORS[mimetype](body)


def flat(text: str) -> str:
    """Whitespace collapsed: a PDF breaks lines wherever the page is full."""
    return " ".join(text.split())


def links_of(url: str, body: bytes) -> set[str]:
    page = lxml.html.fromstring(body)
    found = set(page.xpath("//a/@href | //link[@rel='alternate']/@href"))
    found |= {form.get("action") for form in page.xpath("//form")
              if (form.get("method") or "get").lower() == "get" and form.get("action")}
    return {urljoin(url, href).split("#")[0] for href in found}


def test_public_crawl_every_page_200_and_nothing_private(client, app, site):
    secrets = private_values()
    # From the database: tech-check titles, declined-only speakers, draft document and message.
    assert {"Technical check, opening speakers", "President, IFAD", "SECRET DRAFT DOCUMENT",
            "Figures not yet cleared.", "SECRET DRAFT MESSAGE", "president.ifad@example.org",
            "+41 22 555 7300 ext. 0", "+1 212 555 7100", "producer.0@example.org"} <= secrets
    secrets = sorted(secrets | SENTINELS)
    seen, queue, visited_rules, extracted = set(), ["/"], set(), {}
    adapter = app.url_map.bind("localhost")
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc not in ("", "localhost"):
            continue  # webcasts and links to documents elsewhere
        if parts.scheme not in ("", "http", "https"):
            continue  # webcal:// is the feed, fetched through its http URL
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen:
            continue
        seen.add(path)
        endpoint = adapter.match(parts.path)[0]
        if endpoint.split(".")[0] in PRIVATE_BLUEPRINTS:
            continue  # the login page and organizer pages are not the public site
        response = client.get(path)
        assert response.status_code == 200, path
        visited_rules.add(endpoint)
        body = response.data
        response.close()  # a file download holds the file open until closed
        text = flat(text_of(response.mimetype, body))
        if response.mimetype in EXTRACTORS:
            extracted[path] = text
        for secret in secrets:
            assert secret.encode() not in body and flat(secret) not in text, f"{secret!r} leaks on {path}"
        if response.mimetype == "text/html":
            queue.extend(sorted(links_of(url if url.startswith("http") else "http://localhost" + path,
                                         body)))
    public_rules = {rule.endpoint for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods
                    and rule.endpoint.split(".")[0] not in PRIVATE_BLUEPRINTS} - NOT_PAGES
    assert public_rules - visited_rules == set(), "public pages no link leads to"
    assert len(seen) > 60
    # The extractors read what the files say: a check of an empty text would prove nothing.
    base = f"/segments/{site.slug}"
    assert "Food systems A case study." in extracted[f"{base}/documents/fao-case-study/file"]
    assert "Published message." in extracted[f"{base}/key-messages.pdf"]
    assert "Published message." in extracted[f"{base}/key-messages.docx"]
    assert "Statement of Brazil Delivered." in extracted[f"{base}/sessions/S5/statements/brazil"]


def test_public_crawl_unpublished_segment_pages_404(client, site):
    for path in ("/segments/hidden-segment/", "/segments/hidden-segment/feed.ics",
                 "/segments/hidden-segment/changes/"):
        assert client.get(path).status_code == 404, path
    assert not re.search(rb"hidden-segment", client.get("/").data)
