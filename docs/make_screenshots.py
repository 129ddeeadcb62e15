"""Regenerate the screenshots in docs/images/ (Debian's Chromium through Playwright).

    .venv/bin/python docs/make_screenshots.py

Runs the app on a temporary instance with the default programme, on 127.0.0.1 only.
"""

import tempfile
import threading
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from sqlalchemy import select
from werkzeug.serving import make_server

from meeting import PROJECT_ROOT, create_app
from meeting.cli import RedactingRequestHandler
from meeting.exchange import import_file
from meeting.extensions import db
from meeting.floor.links import inscription_token
from meeting.floor.lists import inscribe, move_entry, open_list, save_list
from meeting.models import Organization, Person, Segment, Session, utcnow
from meeting.people.accounts import create_user
from meeting.people.portal import portal_token
from meeting.programme.editing import save_programme, update_session
from meeting.reminders.dispatch import beat
from meeting.site.publishing import publish_segment

IMAGES = PROJECT_ROOT / "docs" / "images"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _list_of_speakers() -> tuple[int, str]:
    """S5's list with a group, a President, two ministers and an observer; Kenya's link."""
    s5 = db.session.scalar(select(Session).where(Session.code == "S5"))
    speakers = open_list(s5)
    orgs = {o.key: o for o in db.session.scalars(select(Organization))}
    for key, name in (("guyana", "Guyana"), ("ghana", "Ghana"), ("holy-see", "Holy See"),
                      ("kenya", "Kenya")):
        orgs.setdefault(key, Organization(key=key, name=name, kind="member-state"))
    at = s5.start - timedelta(days=5)
    for n, (key, speaker, level, kind, group) in enumerate([
        ("brazil", "H.E. Mr. Ernesto Araújo", "minister", "national", None),
        ("guyana", "H.E. Ms. Carolyn Rodrigues-Birkett", "head-of-delegation", "group",
         "the Group of 77 and China"),
        ("ghana", "H.E. Mr. Nana Akufo-Addo", "head-of-state", "national", None),
        ("india", "H.E. Mr. T. S. Tirumurti", "head-of-delegation", "national", None),
        ("holy-see", "H.E. Archbishop Gabriele Caccia", "head-of-delegation", "observer", None),
    ]):
        inscribe(speakers, orgs[key], speaker_name=speaker, level=level, statement_type=kind,
                 on_behalf_of=group, by="screenshots", now=at + timedelta(minutes=7 * n))
    move_entry(speakers.entries[3], 2, "organizer@example.org")
    db.session.add(orgs["kenya"])
    save_list(speakers)
    speakers.changed_at = at + timedelta(hours=30)  # "as at": a plausible evening before
    db.session.commit()
    return s5.id, inscription_token(speakers, orgs["kenya"])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"INSTANCE_PATH": Path(tmp), "SECRET_KEY": "screenshots"})
        server = make_server("127.0.0.1", 0, app, threaded=True,
                             request_handler=RedactingRequestHandler)
        base = f"http://127.0.0.1:{server.server_port}"
        app.config["PUBLIC_URL"] = base
        with app.app_context():
            upgrade()
            import_file(PROJECT_ROOT / "schedules" / "ecosoc-2020-integration-segment.yaml")
            segment = db.session.scalar(select(Segment))
            publish_segment(segment, by="organizer@example.org")
            # One change since the publication, for the publication page to list.
            s8 = db.session.scalar(select(Session).where(Session.code == "S8"))
            update_session(s8, start=s8.start + timedelta(minutes=15))
            save_programme(segment)
            create_user("organizer@example.org", "admin", "screenshots-only-password")
            beat(utcnow(), 3600, "screenshots")  # no "dispatcher not running" banner
            token = portal_token(db.session.scalar(select(Person).where(Person.key == "es-escap")))
            s2_id = db.session.scalar(select(Session.id).where(Session.code == "S2"))
            s5_id, inscribe_token = _list_of_speakers()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            public = f"{base}/segments/ecosoc-2020-integration-segment"
            visitor = browser.new_page(viewport={"width": 1200, "height": 1000},
                                       timezone_id="Asia/Bangkok", locale="en-GB")
            visitor.goto(f"{public}/")
            visitor.screenshot(path=IMAGES / "programme.png")
            visitor.locator("#day-2020-07-06").scroll_into_view_if_needed()
            visitor.evaluate("window.scrollBy(0, -330)")
            visitor.screenshot(path=IMAGES / "public-programme.png")
            visitor.goto(f"{public}/?view=grid")
            visitor.locator(".timetable").screenshot(path=IMAGES / "public-grid.png")
            visitor.goto(f"{public}/sessions/S2/")
            visitor.screenshot(path=IMAGES / "public-session.png")
            visitor.goto(f"{public}/documents/")
            visitor.screenshot(path=IMAGES / "public-documents.png")
            visitor.goto(f"{public}/key-messages/")
            visitor.screenshot(path=IMAGES / "public-key-messages.png")
            visitor.goto(f"{public}/?lang=ar")
            visitor.screenshot(path=IMAGES / "public-arabic.png")
            visitor.goto(f"{public}/?lang=fr")
            visitor.screenshot(path=IMAGES / "public-french.png")
            visitor.goto(f"{public}/sessions/S2/?lang=zh")
            visitor.screenshot(path=IMAGES / "public-session-chinese.png")
            visitor.close()
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            page.goto(f"{base}/p/{token}/")
            page.screenshot(path=IMAGES / "portal.png")
            page.goto(f"{base}/p/{token}/?lang=es")
            page.screenshot(path=IMAGES / "portal-spanish.png")
            page.goto(f"{base}/p/{token}/?lang=en")
            page.goto(f"{base}/login")
            page.get_by_label("E-mail").fill("organizer@example.org")
            page.get_by_label("Password").fill("screenshots-only-password")
            page.get_by_role("button", name="Log in").click()
            invitations = f"{base}/organizer/segments/ecosoc-2020-integration-segment/invitations"
            page.goto(invitations)
            page.locator("#session-S2").get_by_role("button", name="Send invites").click()
            page.wait_for_load_state()
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=IMAGES / "invitations.png")
            page.goto(f"{base}/organizer/sessions/{s2_id}/run-of-show/sheet")
            page.emulate_media(media="print")
            page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
            page.screenshot(path=IMAGES / "run-of-show-print.png")
            page.emulate_media(media="screen")
            page.set_viewport_size({"width": 1200, "height": 1000})
            page.goto(f"{base}/organizer/sessions/{s2_id}/run-of-show")
            page.screenshot(path=IMAGES / "run-of-show-editor.png")
            page.goto(f"{base}/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06")
            page.wait_for_selector(".fc-event")
            page.select_option("#secondary-zone", "Africa/Nairobi")
            page.set_viewport_size({"width": 1300, "height": 1300})
            page.screenshot(path=IMAGES / "day.png")
            page.set_viewport_size({"width": 1200, "height": 1000})
            page.goto(f"{base}/organizer/sessions/{s2_id}/edit")
            page.set_viewport_size({"width": 1200, "height": 1700})
            page.screenshot(path=IMAGES / "session-editor.png")
            page.locator("#translations").screenshot(path=IMAGES / "session-translations.png")
            page.set_viewport_size({"width": 1200, "height": 1000})
            page.goto(f"{base}/organizer/segments/ecosoc-2020-integration-segment/publication/")
            page.screenshot(path=IMAGES / "publication.png")
            page.set_viewport_size({"width": 1920, "height": 1080})
            page.goto(f"{base}/organizer/sessions/{s2_id}/live")
            page.get_by_role("button", name="Start").click()
            page.wait_for_timeout(1500)
            page.get_by_role("button", name="Next").click()
            page.wait_for_timeout(500)
            page.screenshot(path=IMAGES / "live-view.png")
            link = page.get_by_label("Speaker screen link").input_value().split("/screen/", 1)[1]
            screen = browser.new_page(viewport={"width": 1920, "height": 1080})
            screen.goto(f"{base}/screen/{link}")
            screen.wait_for_timeout(1500)
            screen.screenshot(path=IMAGES / "speaker-screen.png")
            screen.close()
            page.set_viewport_size({"width": 1200, "height": 1000})
            page.goto(f"{base}/organizer/sessions/{s2_id}/live/report")
            page.screenshot(path=IMAGES / "planned-vs-actual.png")
            page.goto(f"{base}/organizer/segments/ecosoc-2020-integration-segment/settings")
            page.set_viewport_size({"width": 1200, "height": 1500})
            page.screenshot(path=IMAGES / "segment-settings.png")
            page.set_viewport_size({"width": 1200, "height": 1300})
            page.goto(f"{base}/organizer/sessions/{s5_id}/speakers")
            page.screenshot(path=IMAGES / "speakers-list.png")
            page.get_by_role("button", name="Français").click()
            page.goto(f"{base}/organizer/segments/ecosoc-2020-integration-segment/")
            page.screenshot(path=IMAGES / "organizer-french.png")
            delegation = browser.new_page(viewport={"width": 1000, "height": 900}, locale="en-GB")
            delegation.goto(f"{base}/inscribe/{inscribe_token}/")
            delegation.screenshot(path=IMAGES / "inscription.png")
            delegation.goto(f"{public}/sessions/S5/")
            delegation.locator("#speakers").screenshot(path=IMAGES / "public-speakers-list.png")
            browser.close()
        server.shutdown()
    print(f"wrote the screenshots to {IMAGES}")


if __name__ == "__main__":
    main()
