"""A speaker answers through their private page in a real browser."""

from sqlalchemy import select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import Participation
from meeting.people.portal import portal_token
from tests.conftest import DEFAULT_PROGRAMME


def test_portal_confirm_in_browser_updates_status(live_server, page, app):
    import_file(DEFAULT_PROGRAMME)
    invited = db.session.scalar(select(Participation).where(Participation.status == "invited")
                                .order_by(Participation.id))
    who = invited.person
    page.goto(f"{live_server}/p/{portal_token(who)}/")
    card = page.locator(f"#participation-{invited.id}")
    assert card.locator(".participation-status").inner_text() == "Please confirm"
    card.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    assert page.locator(".flash").inner_text().startswith("Thank you: you have confirmed")
    card = page.locator(f"#participation-{invited.id}")
    assert card.locator(".participation-status").inner_text() == "You have confirmed"
    db.session.expire_all()
    assert db.session.get(Participation, invited.id).status == "confirmed"
    # The page never sends its secret address to the sites it links to.
    assert page.evaluate("document.querySelector('meta[name=referrer]').content") == "no-referrer"
