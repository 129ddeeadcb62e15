"""xCal (RFC 6321): read back with lxml and compared with the .ics feed read by vobject."""

from datetime import datetime, timedelta, timezone

import vobject
from icalendar import Calendar, Event, vDuration
from lxml import etree
from sqlalchemy import select

from meeting.extensions import db
from meeting.formats.xcal import xcal_bytes
from meeting.models import Session
from tests.conftest import load_published

NS = {"x": "urn:ietf:params:xml:ns:icalendar-2.0"}
BASE = "/segments/ecosoc-2020-integration-segment"
FIELDS = ("uid", "dtstart", "dtend", "sequence", "summary", "status", "description", "location", "url")


def xcal_events(body: bytes) -> dict[str, dict[str, str]]:
    """uid → {property: text} for every vevent, read with lxml alone."""
    root = etree.fromstring(body)
    assert root.tag == "{urn:ietf:params:xml:ns:icalendar-2.0}icalendar"
    events = {}
    for vevent in root.iterfind("x:vcalendar/x:components/x:vevent", NS):
        values = {}
        for prop in vevent.find("x:properties", NS):
            name = etree.QName(prop).localname
            value = [v for v in prop if etree.QName(v).localname != "parameters"]
            values[name] = ",".join(v.text for v in value)
        events[values["uid"]] = {k: values.get(k) for k in FIELDS}
    return events


def _vobject_text(vevent, name: str) -> str | None:
    if not hasattr(vevent, name):
        return None
    value = getattr(vevent, name).value
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


def ics_events(body: bytes) -> dict[str, dict[str, str]]:
    """The same shape from the .ics feed, read with vobject."""
    return {_vobject_text(v, "uid"): {k: _vobject_text(v, k) for k in FIELDS}
            for v in vobject.readOne(body.decode()).vevent_list}


def test_xcal_export_has_every_feed_event_with_the_same_values(client, app):
    segment = load_published()
    response = client.get(f"{BASE}/programme.xcs")
    assert response.status_code == 200
    assert response.mimetype == "application/calendar+xml"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    feed = client.get(f"{BASE}/feed.ics")
    from_xcal, from_ics = xcal_events(response.data), ics_events(feed.data)
    public = db.session.scalar(select(db.func.count()).select_from(Session).where(
        Session.segment_id == segment.id, Session.kind != "tech-check", Session.status != "cancelled"))
    assert len(from_xcal) == public == 11
    assert from_xcal == from_ics
    calendar = etree.fromstring(response.data).find("x:vcalendar/x:properties", NS)
    assert calendar.find("x:name/x:text", NS).text == segment.title
    assert calendar.find("x:method/x:text", NS).text == "PUBLISH"


def test_xcal_export_answers_304_when_unchanged_and_moves_with_the_programme(client, app):
    load_published()
    first = client.get(f"{BASE}/programme.xcs")
    again = client.get(f"{BASE}/programme.xcs", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    session = db.session.scalar(select(Session).where(Session.code == "S2"))
    session.title = "Renamed panel"
    session.revision += 1
    db.session.commit()
    changed = client.get(f"{BASE}/programme.xcs", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    summaries = {e["summary"] for e in xcal_events(changed.data).values()}
    assert "Renamed panel" in summaries


def test_xcal_bytes_writes_parameters_periods_recurrences_and_geo():
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("refresh-interval", vDuration(timedelta(hours=1)), parameters={"VALUE": "DURATION"})
    event = Event()
    event.add("uid", "u1")
    event.add("dtstart", datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc))
    event.add("rrule", {"freq": "WEEKLY", "count": 2, "byday": ["MO", "TU"]})
    event.add("geo", (40.7497, -73.9680))
    event.add("summary", "Panel\x0c one", parameters={"ALTREP": "https://example.org/p"})
    event.add("categories", ["SDG 3", "SDG 5"])
    cal.add_component(event)
    root = etree.fromstring(xcal_bytes(cal))
    props = root.find("x:vcalendar/x:components/x:vevent/x:properties", NS)

    def path(expr):
        return [e.text for e in props.iterfind(expr, NS)]

    assert root.find("x:vcalendar/x:properties/x:refresh-interval/x:duration", NS).text == "PT1H"
    assert path("x:dtstart/x:date-time") == ["2020-07-06T13:30:00Z"]
    assert path("x:rrule/x:recur/x:freq") == ["WEEKLY"]
    assert path("x:rrule/x:recur/x:count") == ["2"]
    assert path("x:rrule/x:recur/x:byday") == ["MO", "TU"]
    assert path("x:geo/x:geo/x:latitude") == ["40.7497"]
    assert path("x:geo/x:geo/x:longitude") == ["-73.968"]
    assert path("x:summary/x:text") == ["Panel one"]
    assert path("x:summary/x:parameters/x:altrep/x:uri") == ["https://example.org/p"]
    assert path("x:categories/x:text") == ["SDG 3", "SDG 5"]
