"""Programme files carry a session's live captions (CART) and interpretation platform, round trip."""

import pytest
from sqlalchemy import func, select

from meeting.exchange import ProgrammeError, export_segment, import_file, import_programme
from meeting.extensions import db
from meeting.models import Participation, Person, Segment, Session
from tests.conftest import DEFAULT_PROGRAMME
from tests.exchange.test_contacts import in_s1
from tests.exchange.test_import import SMALL

S1_ACCESS = (
    "    interpretation: [ar, zh, en, fr, ru, es]\n"
    "    interpretation_platform: Interprefy\n"
    "    interpretation_url: https://example.org/rsi/ecosoc-is-2020-s1\n"
    "    captioning: [en]\n"
    "    captioning_url: https://example.org/captions/ecosoc-is-2020-s1\n"
    "    webcast_url: https://example.org/webtv/ecosoc-is-2020-s1\n")


def test_default_programme_carries_captions_on_s1_and_s2_only(app):
    import_file(DEFAULT_PROGRAMME)
    rows = db.session.execute(select(Session.code, Session.captioning, Session.interpretation_platform)
                              .where(Session.captioning_url.is_not(None)).order_by(Session.code)).all()
    assert [tuple(r) for r in rows] == [("S1", ["en"], "Interprefy"), ("S2", ["en"], None)]
    text = export_segment(db.session.scalar(select(Segment)))
    assert S1_ACCESS in text
    assert text.count("captioning:") == 2 and text.count("interpretation_platform:") == 1


def test_export_access_then_import_into_fresh_database_is_byte_identical(app):
    import_file(DEFAULT_PROGRAMME)
    s3 = db.session.scalar(select(Session).where(Session.code == "S3"))
    s3.captioning, s3.captioning_url = ["en", "fr"], "https://www.streamtext.net/player?event=IS2020-S3"
    s3.interpretation_platform = "Zoom language interpretation"
    db.session.commit()
    first = export_segment(s3.segment)
    assert ("    interpretation_platform: Zoom language interpretation\n    captioning: [en, fr]\n"
            "    captioning_url: https://www.streamtext.net/player?event=IS2020-S3\n") in first
    for model in (Participation, Session, Segment, Person):
        db.session.execute(model.__table__.delete())
    db.session.commit()
    import_programme(first.encode(), "exported.yaml")
    s3 = db.session.scalar(select(Session).where(Session.code == "S3"))
    assert (s3.captioning, s3.captioning_url, s3.interpretation_platform, s3.interpretation_url) == (
        ["en", "fr"], "https://www.streamtext.net/player?event=IS2020-S3", "Zoom language interpretation",
        None)
    assert export_segment(s3.segment) == first


def test_file_without_access_keys_writes_none_and_clears_them(app):
    import_programme(in_s1("    captioning: [en]\n    interpretation_platform: KUDO\n")(SMALL).encode(),
                     "small.yaml")
    s1 = db.session.scalar(select(Session).where(Session.code == "S1"))
    assert (s1.captioning, s1.interpretation_platform) == (["en"], "KUDO")
    import_programme(SMALL.encode(), "small.yaml")
    db.session.expire_all()
    s1 = db.session.get(Session, s1.id)
    assert (s1.captioning, s1.captioning_url, s1.interpretation_platform, s1.interpretation_url) == (
        [], None, None, None)
    text = export_segment(s1.segment)
    assert "captioning" not in text and "interpretation_" not in text


@pytest.mark.parametrize(("lines", "message"), [
    ("    captioning: [en, English]\n",
     "small.yaml: line 29: session S1: captioning: English is not a language code like en"),
    ("    captioning_url: javascript:alert(1)\n",
     "small.yaml: line 29: session S1: captioning_url 'javascript:alert(1)' is not an http(s) URL"),
    ("    interpretation_url: ftp://example.org/rsi\n",
     "small.yaml: line 29: session S1: interpretation_url 'ftp://example.org/rsi' is not an http(s) URL"),
    ("    interpretation_platform: " + "K" * 81 + "\n",
     "small.yaml: line 29: session S1: interpretation_platform is longer than 80 characters"),
])
def test_import_bad_access_refused_naming_line_and_field_nothing_written(app, lines, message):
    with pytest.raises(ProgrammeError) as info:
        import_programme(in_s1(lines)(SMALL).encode(), "small.yaml")
    assert str(info.value) == message
    assert db.session.scalar(select(func.count(Session.id))) == 0
