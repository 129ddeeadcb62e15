"""The session editor's live captions (CART) and interpretation platform: saved, recorded, refused."""

import lxml.html
import pytest
from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Session
from tests.reminders.test_reminders import programme  # noqa: F401  (fixture: a 2030 segment)
from tests.views.test_session_editor import fields, login, url

CAPTIONS = "https://www.streamtext.net/player?event=HLPF2030"
RSI = "https://live.interprefy.com/hlpf2030"


@pytest.fixture
def s1(client, programme):  # noqa: F811
    login(client)
    return db.session.scalar(select(Session).where(Session.code == "S1"))


def test_editor_saves_captioning_and_interpretation_platform(client, s1):
    form = fields(client, url(s1))
    assert (form["captioning"], form["captioning_url"], form["interpretation_platform"],
            form["interpretation_url"]) == ("", "", "", "")
    form.update(captioning="en ,fr", captioning_url=CAPTIONS, interpretation_platform=" Interprefy ",
                interpretation_url=RSI)
    assert client.post(url(s1), data=form).status_code == 302
    db.session.expire_all()
    s = db.session.get(Session, s1.id)
    assert (s.captioning, s.captioning_url, s.interpretation_platform, s.interpretation_url) == (
        ["en", "fr"], CAPTIONS, "Interprefy", RSI)
    assert s.revision == 0  # not a change of time or join link: calendars keep their copy
    page = lxml.html.fromstring(client.get(url(s1)).data)
    assert page.xpath("//input[@name='captioning']/@value") == ["en, fr"]
    lines = [" ".join(li.text_content().split()) for li in page.xpath("//ul[@class='history']/li")]
    assert lines[0].endswith(f"organizer@un.org: live captions changed; live captions link — → {CAPTIONS}; "
                             f"interpretation platform — → Interprefy; interpretation link — → {RSI}")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("captioning", "English", "live captions: language codes like en, fr"),
    ("captioning", "en; fr", "live captions: language codes like en, fr"),
    ("captioning_url", "javascript:alert(1)", "live captions link: must be an http:// or https:// address"),
    ("interpretation_url", "ftp://example.org/rsi",
     "interpretation link: must be an http:// or https:// address"),
    ("interpretation_platform", "K" * 81, "interpretation platform: at most 80 characters"),
    ("captioning_url", "https://example.org/" + "c" * 990, "live captions link: at most 1000 characters"),
])
def test_bad_access_input_refused_naming_the_field_nothing_saved(client, s1, field, value, message):
    form = fields(client, url(s1))
    form.update(captioning="en", captioning_url=CAPTIONS, interpretation_platform="KUDO",
                interpretation_url=RSI, title="Not saved either")
    form[field] = value
    response = client.post(url(s1), data=form)
    assert response.status_code == 400
    assert message in response.data.decode()
    db.session.expire_all()
    s = db.session.get(Session, s1.id)
    assert (s.title, s.captioning, s.captioning_url, s.interpretation_platform,
            s.interpretation_url) == ("Food systems", [], None, None, None)


def test_bad_captioning_refused_in_french(client, s1):
    form = fields(client, url(s1) + "?lang=fr")
    form["captioning"] = "anglais"
    response = client.post(url(s1) + "?lang=fr", data=form)
    assert response.status_code == 400
    assert "sous-titrage en direct : des codes de langue comme en, fr" in response.data.decode()
