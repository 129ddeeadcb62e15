"""Written statements through the pages: the delegation's link, the list page, the embargo,
the interpreters' page, publication once delivered, the deadline and the reminders."""

import io
from datetime import timedelta

import lxml.html
import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.floor.links import inscription_token
from meeting.floor.lists import inscribe, open_list, save_list
from meeting.floor.statements import save_statement
from meeting.lib.mail import outbox_message, outbox_messages
from meeting.models import Organization, Session, SpeakerEntry, Statement, utcnow
from tests.conftest import load_published
from tests.lib.test_uploads import EXE, docx_bytes, pdf_bytes, stored_files
from tests.smtp_server import smtp_server  # noqa: F401
from tests.views.pages import csrf, login

DUE = "15:45 EDT on Sunday 5 July 2020"  # S5 starts 15:45 EDT on 6 July, statements 24 h before
PDF = pdf_bytes("Statement of Brazil")


def org(key: str) -> Organization:
    return db.session.scalar(select(Organization).where(Organization.key == key))


def entry(key: str) -> SpeakerEntry:
    return db.session.scalar(select(SpeakerEntry).where(SpeakerEntry.organization_id == org(key).id))


@pytest.fixture
def s5(app):
    """S5 with Brazil inscribed through its link and India by the secretariat."""
    segment = load_published()
    session = db.session.scalar(select(Session).where(Session.code == "S5"))
    segment.contact_name, segment.contact_email = "Integration Segment secretariat", "ecosoc-is@un.org"
    speakers = open_list(session)
    inscribe(speakers, org("brazil"), speaker_name="H.E. Mr. Carlos França", level="minister",
             statement_type="national", by="inscription link", contact_email="delbrasonu@example.org")
    inscribe(speakers, org("india"), speaker_name="H.E. Vice-Minister", level="vice-minister",
             statement_type="national")
    save_list(speakers)
    return session


def link_of(key: str, session) -> str:
    return f"/inscribe/{inscription_token(open_list(session), org(key))}/"


def list_page(session) -> str:
    return f"/organizer/sessions/{session.id}/speakers"


def statement_url(session, key: str) -> str:
    return f"{list_page(session)}/entries/{entry(key).id}/statement"


def public_url(session, key: str) -> str:
    return f"/segments/{session.segment.slug}/sessions/S5/statements/{key}"


def public_page(session) -> str:
    return f"/segments/{session.segment.slug}/sessions/S5/"


def fetch(client, url: str):
    """GET a download and close it (a file response holds its file open until closed)."""
    response = client.get(url)
    response.get_data()  # kept by the response once read
    response.close()
    return response


def flashes(response, kind="error") -> list[str]:
    page = lxml.html.fromstring(response.data)
    return [" ".join(p.text_content().split())
            for p in page.xpath(f"//p[contains(@class, 'flash-{kind}')][@role='status']")]


def send_by_link(client, session, data: bytes | None, name="statement.pdf", video=""):
    link = link_of("brazil", session)
    values = {"csrf_token": csrf(client, link), "video_url": video}
    if data is not None:
        values["file"] = (io.BytesIO(data), name)
    return client.post(f"{link}statement", data=values, content_type="multipart/form-data")


def send_by_organizer(client, session, key, data: bytes | None, name="statement.pdf", video=""):
    values = {"csrf_token": csrf(client, list_page(session)), "video_url": video}
    if data is not None:
        values["file"] = (io.BytesIO(data), name)
    return client.post(statement_url(session, key), data=values, content_type="multipart/form-data")


def deliver(client, session, key, value="yes", token_from=None):
    token = csrf(client, token_from or list_page(session))
    return client.post(f"{statement_url(session, key)}/delivered",
                       data={"csrf_token": token, "delivered": value})


def test_statement_through_the_inscription_link_received_then_replaced(client, s5):
    link = link_of("brazil", s5)
    page = lxml.html.fromstring(client.get(link).data)
    assert page.get_element_by_id("statements-due").text == DUE
    answer = send_by_link(client, s5, PDF, video="https://webtv.un.org/brazil")
    assert (answer.status_code, answer.headers["Location"]) == (302, f"{link}#statement")
    shown = client.get(link)
    assert flashes(shown, "info") == ["Your statement has been received. It stays with the secretariat "
                                      "and the interpreters until it is delivered."]
    on_file = lxml.html.fromstring(shown.data).get_element_by_id("statement-on-file")
    assert " ".join(on_file.text_content().split()).startswith(
        "On file: statement.pdf, received ")
    assert entry("brazil").statement.received_from == "inscription link"
    first = entry("brazil").statement.file_name
    again = send_by_link(client, s5, docx_bytes(), "Brazil statement.docx")
    assert again.status_code == 302
    assert flashes(client.get(link), "info") == ["Your statement replaced the one sent before."]
    db.session.expire_all()
    statement = entry("brazil").statement
    assert (statement.file_original, statement.video_url) == ("Brazil statement.docx", None)
    assert stored_files() == [statement.file_name] != [first]


@pytest.mark.parametrize(("data", "name", "video", "message"), [
    (EXE, "statement.pdf", "",
     "Statement not saved: file: statement.pdf is named .pdf but its content is not a PDF file (it looks "
     "like EXE); upload a PDF or DOCX file whose extension matches it"),
    (PDF, "statement.pptx", "", "Statement not saved: file: statement.pptx is a .pptx file; upload a PDF "
                                "or DOCX file"),
    (PDF, "statement.pdf", "webtv.un.org/brazil",
     "Statement not saved: video_url: 'webtv.un.org/brazil' is not an http:// or https:// address"),
    (None, "", "", "Statement not saved: file: choose the statement file to upload (PDF or DOCX)"),
])
def test_statement_through_the_link_bad_input_400_names_the_field(client, s5, data, name, video, message):
    answer = send_by_link(client, s5, data, name, video)
    assert answer.status_code == 400
    assert flashes(answer) == [message]
    form = lxml.html.fromstring(answer.data).get_element_by_id("statement-form")
    assert form.xpath(".//input[@name='video_url']/@value") == [video]
    assert db.session.scalar(select(func.count(Statement.id))) == 0
    assert stored_files() == []


def test_statement_over_the_limit_refused_with_the_limit_named(app, client, s5):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    answer = send_by_link(client, s5, PDF)
    assert (answer.status_code, flashes(answer)) == (
        400, ["Statement not saved: file: statement.pdf is larger than the limit of 1,000 bytes"])
    far_over = send_by_link(client, s5, b"%PDF-1.7\n" + b"0" * 200_000)
    assert (far_over.status_code, flashes(far_over)) == (
        413, ["Statement not saved: file: the upload is larger than the limit of 1,000 bytes."])
    login(client)
    by_organizer = send_by_organizer(client, s5, "india", b"%PDF-1.7\n" + b"0" * 200_000)
    assert (by_organizer.status_code, flashes(by_organizer)) == (
        413, ["Not saved: file: the upload is larger than the limit of 1,000 bytes."])
    assert db.session.scalar(select(func.count(Statement.id))) == 0


def test_statement_by_the_organizer_embargoed_until_delivered_then_public(client, s5):
    login(client)
    answer = send_by_organizer(client, s5, "india", PDF, "India statement.pdf", "https://webtv.un.org/india")
    assert (answer.status_code, answer.headers["Location"]) == (
        302, f"{list_page(s5)}#entry-{entry('india').id}")
    assert flashes(client.get(list_page(s5)), "info") == ["Statement of India saved."]
    download = fetch(client, statement_url(s5, "india"))
    assert (download.status_code, download.data, download.headers["Cache-Control"]) == (
        200, PDF, "private, no-store")
    assert download.headers["Content-Disposition"] == 'attachment; filename="India statement.pdf"'
    client.post("/logout", data={"csrf_token": csrf(client, "/")})
    assert client.get(public_url(s5, "india")).status_code == 404
    before = client.get(public_page(s5)).data
    assert b"India statement" not in before and b"/statements/" not in before
    assert b"webtv.un.org/india" not in before
    login(client, "admin")
    assert deliver(client, s5, "india").status_code == 302
    client.post("/logout", data={"csrf_token": csrf(client, "/")})
    public = fetch(client, public_url(s5, "india"))
    assert (public.status_code, public.data, public.mimetype) == (200, PDF, "application/pdf")
    html = lxml.html.fromstring(client.get(public_page(s5)).data)
    links = html.get_element_by_id("speakers").xpath(".//a/@href")
    assert links == [public_url(s5, "india"), "https://webtv.un.org/india"]


def test_statement_spoke_publishes_it_and_undelivered_embargoes_again(client, s5):
    login(client)
    send_by_organizer(client, s5, "brazil", PDF)
    deliver(client, s5, "brazil")
    assert fetch(client, public_url(s5, "brazil")).status_code == 200
    deliver(client, s5, "brazil", "no")
    assert client.get(public_url(s5, "brazil")).status_code == 404
    client.post(f"{list_page(s5)}/entries/{entry('brazil').id}/status",
                data={"csrf_token": csrf(client, list_page(s5)), "status": "spoke"})
    assert fetch(client, public_url(s5, "brazil")).status_code == 200


def test_statement_by_the_organizer_bad_file_400_page_again_nothing_saved(client, s5):
    login(client)
    answer = send_by_organizer(client, s5, "india", EXE, "statement.docx", "https://webtv.un.org/india")
    assert answer.status_code == 400
    assert flashes(answer) == ["Not saved: file: statement.docx is named .docx but its content is not a "
                               "DOCX file (it looks like EXE); upload a PDF or DOCX file whose extension "
                               "matches it"]
    cell = lxml.html.fromstring(answer.data).get_element_by_id(f"statement-{entry('india').id}")
    assert len(cell.xpath(".//details[@open]")) == 1
    assert cell.xpath(".//input[@name='video_url']/@value") == ["https://webtv.un.org/india"]
    assert db.session.scalar(select(func.count(Statement.id))) == 0
    assert stored_files() == []


@pytest.mark.parametrize(("role", "status"), [
    (None, 302), ("viewer", 403), ("interpreter", 200), ("organizer", 200), ("admin", 200)])
def test_statement_embargo_who_may_read_it_before_delivery(client, s5, role, status):
    save_statement(entry("brazil"), (io.BytesIO(PDF), "statement.pdf"), "", "inscription link")
    if role:
        login(client, role)
    answer = fetch(client, statement_url(s5, "brazil"))
    assert answer.status_code == status
    assert (answer.data == PDF) is (status == 200)
    assert client.get(public_url(s5, "brazil")).status_code == 404
    assert client.get(f"/organizer/segments/{s5.segment.slug}/statements").status_code == status


def test_statement_viewer_sees_one_arrived_but_not_its_name(client, s5):
    save_statement(entry("brazil"), (io.BytesIO(PDF), "Brazil secret.pdf"), "https://webtv.un.org/b",
                   "inscription link")
    login(client, "viewer")
    cell = lxml.html.fromstring(client.get(list_page(s5)).data).get_element_by_id(
        f"statement-{entry('brazil').id}")
    text = " ".join(cell.text_content().split())
    assert text.startswith("Received (PDF) Embargoed")
    assert "Brazil secret" not in text and cell.xpath(".//a") == []


def test_interpreter_reads_statements_with_floor_languages_and_nothing_else(client, s5):
    save_statement(entry("brazil"), (io.BytesIO(PDF), "statement.pdf"), "https://webtv.un.org/b",
                   "inscription link")
    login(client, "interpreter")
    home = lxml.html.fromstring(client.get("/organizer/statements/").data)
    assert home.xpath("//header//nav/a/text()") == ["Programmes", "Statements"]
    [segment_link] = home.xpath("//ul[@id='segments']/li/a/@href")
    page = lxml.html.fromstring(client.get(segment_link).data)
    rows = [" ".join(" ".join(r.itertext()).split())
            for r in page.get_element_by_id("session-S5").xpath(".//tbody/tr")]
    assert rows[0].startswith("1 Brazil H.E. Mr. Carlos França English statement.pdf (")
    assert rows[0].endswith("Pre-recorded video Embargoed")
    assert rows[1] == "2 India H.E. Vice-Minister English none yet"
    assert page.xpath("//a[@class='download']/@href") == [statement_url(s5, "brazil")]
    for path in ("/organizer/", list_page(s5), "/organizer/outbox", f"/organizer/segments/{s5.segment.slug}/",
                 f"/organizer/segments/{s5.segment.slug}/documents/", "/organizer/directory/"):
        assert client.get(path).status_code == 403, path
    assert deliver(client, s5, "brazil", token_from="/organizer/statements/").status_code == 403
    assert entry("brazil").statement.delivered_at is None


def test_statement_deadline_marks_the_missing_on_the_list_page(client, s5):
    login(client)
    page = lxml.html.fromstring(client.get(list_page(s5)).data)
    assert page.get_element_by_id("statements-due").text == DUE
    cell = page.get_element_by_id(f"statement-{entry('india').id}")
    assert cell.xpath(".//strong[@class='statement-missing']/text()") == [f"Missing: was due {DUE}"]
    s5.start = (utcnow() + timedelta(days=3)).replace(second=0, microsecond=0)
    db.session.commit()
    page = lxml.html.fromstring(client.get(list_page(s5)).data)
    cell = page.get_element_by_id(f"statement-{entry('india').id}")
    assert cell.xpath(".//strong[@class='statement-missing']") == []
    assert cell.xpath(".//span[@class='muted']/text()") == ["Not yet received"]


def test_statement_deadline_in_the_acknowledgement_and_from_the_segment_settings(client, s5):
    login(client)
    settings = f"/organizer/segments/{s5.segment.slug}/settings"
    form = lxml.html.fromstring(client.get(settings).data)
    assert form.xpath("//input[@name='statements_due_hours']/@value") == ["24"]
    values = {i.get("name"): i.get("value") or "" for i in form.xpath("//form//input")}
    values.update({t.get("name"): t.text or "" for t in form.xpath("//form//textarea")})
    refused = client.post(settings, data={**values, "statements_due_hours": "a day"})
    assert refused.status_code == 400
    assert b"&#39;a day&#39; is not a whole number of hours (0 to 336)" in refused.data
    assert client.post(settings, data={**values, "statements_due_hours": "48"}).status_code == 302
    assert s5.segment.statements_due_hours == 48
    db.session.add(Organization(key="guyana", name="Guyana", kind="member-state"))
    db.session.commit()
    link = link_of("guyana", s5)
    client.post(link, data={"csrf_token": csrf(client, link), "speaker_name": "H.E. Ambassador",
                            "level": "head-of-delegation", "statement_type": "national",
                            "contact_email": "guyana@example.org"})
    [sent] = outbox_messages()
    body = outbox_message(sent.key).get_content()
    assert ("Written statement due: 15:45 EDT on Saturday 4 July 2020 (48 hours before the session), "
            "as a PDF or DOCX file") in body


def test_statement_reminder_button_e_mails_the_missing_once(app, client, s5, smtp_server):  # noqa: F811
    app.config["MAIL_URL"] = smtp_server.url
    s5.start = (utcnow() + timedelta(days=3)).replace(second=0, microsecond=0)
    db.session.commit()
    login(client)
    page = lxml.html.fromstring(client.get(list_page(s5)).data)
    form = page.get_element_by_id("statement-reminders")
    assert " ".join(form.xpath("./button/text()")[0].split()) == (
        "E-mail the delegations whose statement is missing (1)")
    action = form.get("action")
    answer = client.post(action, data={"csrf_token": csrf(client, list_page(s5))})
    assert (answer.status_code, answer.headers["Location"]) == (302, f"{list_page(s5)}#statements")
    shown = client.get(list_page(s5))
    assert flashes(shown, "info") == ["Statement reminders: 1 sent, 1 without an e-mail address."]
    [received] = smtp_server.messages
    assert received.rcpt_tos == ["delbrasonu@example.org"]
    cell = lxml.html.fromstring(shown.data).get_element_by_id(f"statement-{entry('brazil').id}")
    assert cell.xpath(".//span[contains(@class, 'reminded')]/text()")[0].startswith("Reminded ")
    client.post(action, data={"csrf_token": csrf(client, list_page(s5))})
    assert flashes(client.get(list_page(s5)), "info") == [
        "Statement reminders: 0 sent, 1 already reminded of this deadline, 1 without an e-mail address."]
    assert len(smtp_server.messages) == 1
