"""Publishing a segment and the changelog between two publications."""

from datetime import datetime, timezone

from sqlalchemy import select

from meeting.extensions import db
from meeting.models import Participation, Publication, Session
from meeting.programme.editing import save_programme, update_session
from meeting.site.publishing import (
    Change,
    diff_snapshots,
    find_published_segment,
    pending_changes,
    programme_snapshot,
    publish_segment,
    segment_changelog,
    unpublish_segment,
)


def _session(segment, code) -> Session:
    return db.session.scalar(select(Session).where(Session.segment_id == segment.id,
                                                   Session.code == code))


def test_publish_segment_unpublished_then_visible(make_segment):
    segment = make_segment(published=False)
    assert find_published_segment(segment.slug) is None
    publication = publish_segment(segment, by="ana@un.org")
    assert (publication.number, publication.action, publication.by) == (1, "published", "ana@un.org")
    assert find_published_segment(segment.slug) is segment
    unpublish_segment(segment, by="ana@un.org")
    assert find_published_segment(segment.slug) is None
    assert [(p.number, p.action, p.snapshot is None) for p in db.session.scalars(
        select(Publication).order_by(Publication.number))] == [
        (1, "published", False), (2, "unpublished", True)]


def test_programme_snapshot_public_fields_only(make_session, make_participation, make_person):
    session = make_session(code="S1", title="Opening", passcode="IS2020", dial_in="+1 646 555")
    make_participation(session=session, person=make_person(key="chair-un", name="Chair, UN",
                                                           honorific="H.E.", email="c@un.org"),
                       role="chair", status="confirmed")
    make_participation(session=session, role="panelist", status="declined")
    make_session(segment=session.segment, code="TC1", kind="tech-check")
    assert programme_snapshot(session.segment) == {"sessions": {"S1": {
        "title": "Opening", "status": "confirmed", "start": "2020-07-06T13:00:00+00:00",
        "minutes": 60,
        "speakers": [{"key": "chair-un", "name": "H.E. Chair, UN", "role": "Chair"}],
    }}}


def test_changelog_lists_exactly_changes_between_publications(
        make_segment, make_session, make_participation, make_person):
    segment = make_segment(published=False)
    s1 = make_session(segment=segment, code="S1", title="Opening")
    s2 = make_session(segment=segment, code="S2", title="Panel",
                      start=datetime(2020, 7, 6, 14, 0, tzinfo=timezone.utc))
    s3 = make_session(segment=segment, code="S3", title="Dialogue",
                      start=datetime(2020, 7, 6, 15, 0, tzinfo=timezone.utc))
    make_session(segment=segment, code="S4", title="Closing",
                 start=datetime(2020, 7, 6, 16, 0, tzinfo=timezone.utc))
    leaving = make_participation(session=s2, role="panelist",
                                 person=make_person(key="fao", name="Director-General, FAO"))
    publish_segment(segment, by="ana@un.org")
    # Between the two publications: one moved, one cancelled, one speaker swapped, one added.
    update_session(s1, start=datetime(2020, 7, 6, 13, 30, tzinfo=timezone.utc))
    update_session(s3, status="cancelled")
    db.session.delete(leaving)
    db.session.add(Participation(session=s2, role="lead-discussant", position=1, minutes=5,
                                 status="invited",
                                 person=make_person(key="ms-kenya", name="Kenya")))
    make_session(segment=segment, code="S5", title="Wrap-up",
                 start=datetime(2020, 7, 6, 17, 0, tzinfo=timezone.utc))
    save_programme(segment)
    assert pending_changes(segment) == [
        Change("moved", "S1", "Opening",
               "Moved from Mon 6 Jul 2020 09:00 EDT (60 min) to Mon 6 Jul 2020 09:30 EDT (60 min)"),
        Change("speakers", "S2", "Panel", "Speakers changed — joined: Kenya (lead discussant); "
               "left: Director-General, FAO (panelist)"),
        Change("cancelled", "S3", "Dialogue", "Cancelled"),
        Change("added", "S5", "Wrap-up", "Added: Mon 6 Jul 2020 13:00 EDT (60 min)"),
    ]
    publish_segment(segment, by="ana@un.org")
    entries = segment_changelog(segment)
    assert [(e.publication.number, e.first, len(e.changes)) for e in entries] == [
        (2, False, 4), (1, True, 0)]
    assert [c.kind for c in entries[0].changes] == ["moved", "speakers", "cancelled", "added"]
    assert pending_changes(segment) == []


def test_diff_snapshots_removed_reinstated_retitled_in_code_order():
    def snap(**sessions):
        return {"sessions": {code: {"title": t, "status": st, "start": "2020-07-06T13:00:00+00:00",
                                    "minutes": 30, "speakers": []}
                             for code, (t, st) in sessions.items()}}

    old = snap(S2=("Panel", "cancelled"), S10=("Old title", "confirmed"), S9=("Gone", "draft"))
    new = snap(S2=("Panel", "confirmed"), S10=("New title", "confirmed"))
    assert diff_snapshots(old, new, "Europe/Zurich") == [
        Change("reinstated", "S2", "Panel", "Reinstated: Mon 6 Jul 2020 15:00 CEST (30 min)"),
        Change("removed", "S9", "Gone", "Removed from the programme"),
        Change("retitled", "S10", "New title", "Renamed from “Old title”"),
    ]


def test_pending_changes_never_published_is_none(make_segment):
    assert pending_changes(make_segment(published=False)) is None


def test_diff_snapshots_role_change_is_a_speaker_change():
    def snap(*speakers):
        return {"sessions": {"S1": {"title": "Panel", "status": "confirmed", "minutes": 30,
                                    "start": "2020-07-06T13:00:00+00:00",
                                    "speakers": [{"key": k, "name": n, "role": r}
                                                 for k, n, r in speakers]}}}

    old = snap(("fao", "Director-General, FAO", "Panelist"), ("who", "Director-General, WHO", "Panelist"))
    new = snap(("fao", "Director-General, FAO", "Moderator"), ("who", "Director-General, WHO", "Panelist"))
    assert diff_snapshots(old, new, "America/New_York") == [
        Change("speakers", "S1", "Panel", "Speakers changed — joined: Director-General, FAO "
               "(moderator); left: Director-General, FAO (panelist)")]
