"""Walkthrough in Chromium: a delegation inscribes through its own link, the secretariat
reorders by hand, the run of show and the live view carry the statements with their limits,
and the rolling list appears on the public session page."""

import re

from playwright.sync_api import expect
from weasyprint import HTML

from meeting.extensions import db
from meeting.lib.mail import outbox_message, outbox_messages
from meeting.models import Organization
from meeting.runofshow.cues import session_sheet
from tests.conftest import load_published


def test_walkthrough_inscribe_by_link_reorder_run_of_show_live_view_public_list(
        live_server, page, browser, app, log_in, tmp_path):
    segment = load_published()
    s5 = next(s for s in segment.sessions if s.code == "S5")
    for key, name in (("guyana", "Guyana"), ("ghana", "Ghana")):
        db.session.add(Organization(key=key, name=name, kind="member-state"))
    db.session.commit()
    log_in()
    speakers_page = f"{live_server}/organizer/sessions/{s5.id}/speakers"

    # 1. The secretariat inscribes Ghana's President and Brazil's minister.
    page.goto(speakers_page)
    for delegation, speaker, level in (("Ghana", "H.E. Mr. Nana Akufo-Addo", "Head of State or Government"),
                                       ("Brazil", "H.E. Mr. Ernesto Araújo", "Minister")):
        form = page.locator("#inscribe")
        form.locator("#organization_id").select_option(label=delegation)
        form.locator("#speaker_name").fill(speaker)
        form.locator("#level").select_option(label=level)
        form.get_by_role("button", name="Inscribe").click()
        expect(page.locator(".flash-info")).to_have_text(f"{delegation} inscribed.")

    # 2. It shows Guyana's link; Guyana inscribes there for the Group of 77 and China.
    page.locator("select[name=link]").select_option(label="Guyana")
    page.get_by_role("button", name="Show its link").click()
    link = page.locator("#inscription-link").inner_text()
    assert link.startswith("http://127.0.0.1:5000/inscribe/")
    delegation = browser.new_context(locale="en-GB").new_page()
    delegation.goto(live_server + link.removeprefix("http://127.0.0.1:5000"))
    expect(delegation.locator("h1")).to_have_text(f"List of speakers: S5 {s5.title}")
    delegation.locator("#speaker_name").fill("H.E. Ms. Carolyn Rodrigues-Birkett")
    delegation.locator("#level").select_option(label="Head of delegation")
    delegation.locator("#statement_type").select_option(label="On behalf of a group")
    delegation.locator("#on_behalf_of").fill("the Group of 77 and China")
    delegation.locator("#contact_email").fill("guyana@example.org")
    delegation.get_by_role("button", name="Inscribe Guyana").click()
    expect(delegation.locator("#your-number")).to_have_text("1")  # groups speak first
    [acknowledgement] = outbox_messages()
    assert outbox_message(acknowledgement.key)["Subject"] == "[Inscribed] S5 · List of speakers · Guyana"
    # ... and sends its written statement, embargoed until it is delivered.
    statement = tmp_path / "G77 statement.pdf"
    statement.write_bytes(HTML(string="<h1>On behalf of the Group of 77 and China</h1>").write_pdf())
    delegation.locator("#statement-form input[name=file]").set_input_files(statement)
    delegation.get_by_role("button", name="Send the statement").click()
    expect(delegation.locator("#statement-on-file")).to_contain_text("On file: G77 statement.pdf")
    delegation.context.close()
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(f"{live_server}/segments/{segment.slug}/sessions/S5/")
    expect(visitor.locator("#speakers a.statement")).to_have_count(0)  # embargoed

    # 3. The secretariat sees the order by precedence, then drags Brazil above Ghana.
    page.goto(speakers_page)
    rows = page.locator("#speakers-order tr[data-id]")
    expect(rows.locator("td:nth-child(3)")).to_have_text(
        [re.compile(r"^Guyana\s+on behalf of the Group of 77 and China$"), "Ghana", "Brazil"])
    handle = rows.nth(2).locator(".handle").bounding_box()
    target = rows.nth(1).bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(handle["x"] + 4, target["y"] + target["height"] / 2, steps=10)
    page.mouse.move(handle["x"] + 4, target["y"] + 2, steps=5)
    page.mouse.up()
    expect(rows.locator("td:nth-child(3)")).to_have_text(
        [re.compile(r"^Guyana"), "Brazil", "Ghana"], timeout=10_000)
    expect(rows.nth(1)).to_contain_text("Placed by hand (by precedence: 3)")

    # 4. The run of show has one cue per statement, in the list's order, with its limit.
    page.goto(f"{live_server}/organizer/sessions/{s5.id}/run-of-show")
    db.session.expire_all()
    sheet = session_sheet(s5)
    statements = [(r.cue.who, r.cue.what, r.cue.minutes) for r in sheet.rows
                  if (r.cue.generated_key or "").startswith("statement:")]
    assert statements == [
        ("Guyana: H.E. Ms. Carolyn Rodrigues-Birkett", "Statement on behalf of the Group of 77 and China", 5),
        ("Brazil: H.E. Mr. Ernesto Araújo", "National statement", 3),
        ("Ghana: H.E. Mr. Nana Akufo-Addo", "National statement", 3),
    ]
    expect(page.locator("#cues")).to_contain_text("Brazil: H.E. Mr. Ernesto Araújo")

    # 5. The live view counts each statement down from its limit; Next names the next delegation.
    first = next(n for n, r in enumerate(sheet.rows) if r.cue.who.startswith("Guyana"))
    page.goto(f"{live_server}/organizer/sessions/{s5.id}/live")
    page.get_by_role("button", name="Start").click()
    for _ in range(first):
        page.get_by_role("button", name="Next").click()
    expect(page.locator("#now-who")).to_have_text("Guyana: H.E. Ms. Carolyn Rodrigues-Birkett")
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^(5:00|4:59)$"))
    expect(page.locator("#next-who")).to_have_text("Brazil: H.E. Mr. Ernesto Araújo")
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^(3:00|2:59)$"))
    page.wait_for_load_state("networkidle")  # the press has reached the server

    # 6. The public session page publishes the rolling list, without names or addresses, and
    #    Guyana's statement now that it has been delivered.
    visitor.goto(f"{live_server}/segments/{segment.slug}/sessions/S5/")
    listed = visitor.locator("#speakers tbody tr")
    expect(listed).to_have_text([
        # Moving past Guyana's statement in the live view marked it as spoken.
        re.compile(r"^1\s*Guyana \(on behalf of the Group of 77 and China\)\s*"
                   r"Head of delegation\s*5 min\s*Spoke\s*Statement \(PDF\)\s*$"),
        re.compile(r"^2\s*Brazil\s*Minister\s*3 min"),
        re.compile(r"^3\s*Ghana\s*Head of State or Government\s*3 min"),
    ])
    expect(visitor.locator("#speakers h2")).to_contain_text("as at ")
    assert "guyana@example.org" not in visitor.content()
    link = visitor.locator("#speakers a.statement").get_attribute("href")
    download = visitor.request.get(live_server + link)
    assert (download.status, download.body()[:5]) == (200, b"%PDF-")
    visitor.context.close()
