"""Behaviours that moved out of inline handlers for the CSP: confirm before deleting, print."""

from sqlalchemy import func, select

from meeting.exchange import import_file
from meeting.extensions import db
from meeting.models import KeyMessage, Session
from tests.conftest import DEFAULT_PROGRAMME

SLUG = "ecosoc-2020-integration-segment"


def _key_messages() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(KeyMessage.id)))


def test_delete_key_message_asks_first_and_cancel_keeps_it(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    before = _key_messages()
    log_in()
    page.goto(f"{live_server}/organizer/segments/{SLUG}/key-messages/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_role("button", name="Delete").first.click()
    page.wait_for_timeout(300)
    assert (questions, _key_messages()) == (["Delete this key message?"], before)

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        page.get_by_role("button", name="Delete").first.click()
    assert (questions[-1], _key_messages()) == ("Delete this key message?", before - 1)


def test_print_button_on_run_of_show_sheet_prints(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session.id).where(Session.code == "S2"))
    # Chromium's print dialog cannot be driven headless: record the call instead.
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    log_in()
    page.goto(f"{live_server}/organizer/sessions/{s2}/run-of-show/sheet")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1
