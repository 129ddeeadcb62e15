"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright."""

import os
import threading

import pytest
from flask import appcontext_popped, appcontext_pushed
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("MEETING_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium tries to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class InFlight:
    """Counts the app contexts that request threads hold (a streamed response holds one until
    it ends), so a test's data is emptied only once no request can still use the database."""

    def __init__(self, app):
        self.app = app
        self.test_thread = threading.get_ident()
        self.running = 0
        self.idle = threading.Condition()
        appcontext_pushed.connect(self._pushed, app)
        appcontext_popped.connect(self._popped, app)

    def _pushed(self, sender, **extra):
        if threading.get_ident() != self.test_thread:
            with self.idle:
                self.running += 1

    def _popped(self, sender, **extra):
        if threading.get_ident() != self.test_thread:
            with self.idle:
                self.running -= 1
                self.idle.notify_all()

    def wait(self, timeout: float) -> bool:
        with self.idle:
            idle = self.idle.wait_for(lambda: self.running == 0, timeout)
        appcontext_pushed.disconnect(self._pushed, self.app)
        appcontext_popped.disconnect(self._popped, self.app)
        return idle


@pytest.fixture
def live_server(app):
    """Serve the test app on a free port of 127.0.0.1; yields its base URL."""
    app.config["LIVE_STREAM_SECONDS"] = 3  # a speaker screen left open ends soon after the test
    in_flight = InFlight(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    # Otherwise a request still running would use the database after the test emptied it
    # and leave a connection open in a discarded pool.
    assert in_flight.wait(timeout=10), f"{in_flight.running} request(s) still running"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the run (Debian's package, never a downloaded build)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package "
                    "(bash .ci/run does it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Chromium reports each blocked script, style or frame as a securitypolicyviolation event.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
                + ` at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
});
"""


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test; the test fails on any CSP violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if message.type == "error" and ("CSP violation" in message.text
                                            or "Content Security Policy" in message.text) else None)
    yield page
    context.close()
    assert violations == [], "the Content-Security-Policy blocked something the page needs"


@pytest.fixture
def log_in(live_server, page):
    """Create an account and log it in through the login page; returns the page."""
    from meeting.people.accounts import create_user

    def go(email: str = "organizer@un.org", role: str = "organizer"):
        create_user(email, role, "correct horse battery")
        page.goto(f"{live_server}/login")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill("correct horse battery")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server}/")
        return page

    return go
