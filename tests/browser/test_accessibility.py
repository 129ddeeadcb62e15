"""axe-core (vendored) finds no serious or critical accessibility problem on the main pages."""

from sqlalchemy import select

from meeting import PROJECT_ROOT
from meeting.extensions import db
from meeting.models import Session
from meeting.programme_files import import_file
from tests.conftest import DEFAULT_PROGRAMME

AXE = PROJECT_ROOT / "static" / "vendor" / "axe-core-4.14.1" / "axe.min.js"


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_main_pages_have_no_serious_accessibility_violations(live_server, page, app, log_in):
    import_file(DEFAULT_PROGRAMME)
    s2 = db.session.scalar(select(Session.id).where(Session.code == "S2"))
    log_in()
    found = {}
    for path in ("/organizer/segments/ecosoc-2020-integration-segment/",
                 "/organizer/segments/ecosoc-2020-integration-segment/days/2020-07-06",
                 f"/organizer/sessions/{s2}/edit",
                 "/segments/ecosoc-2020-integration-segment/"):
        page.goto(live_server + path)
        if "/days/" in path:
            page.wait_for_selector(".fc-event")
        found[path] = serious_violations(page)
    assert found == {path: [] for path in found}
