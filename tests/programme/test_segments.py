"""Segments made in the browser: settings checks, creation, duplication across DST, cancel vs delete."""

from datetime import date, datetime, time, timezone

import pytest
from sqlalchemy import func, select

from meeting.extensions import db
from meeting.models import (
    ChangeLog,
    Cue,
    Invitation,
    Participation,
    ReminderDelivery,
    ReminderPolicy,
    Segment,
    Session,
)
from meeting.programme.editing import can_delete, cancel_session, delete_session, save_programme
from meeting.programme.segments import (
    SegmentSettings,
    SettingsError,
    create_segment,
    duplicate_segment,
    shifted_start,
)
from meeting.reminders.policies import DEFAULT_POLICIES, add_default_policies
from meeting.runofshow.cues import generate_cues

UTC = timezone.utc


def settings(**overrides) -> SegmentSettings:
    values = {"title": "2021 Integration Segment", "slug": "is-2021", "timezone": "America/New_York",
              "start_date": date(2021, 7, 6), "end_date": date(2021, 7, 7)}
    values.update(overrides)
    return SegmentSettings(**values)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_segment_unpublished_with_default_policies(app):
    segment = create_segment(settings(contact_name=" Amina Mohammed ", contact_email="sec@un.org",
                                      theme="  "), "officer@un.org")
    assert (segment.slug, segment.published, segment.contact_name, segment.theme) == (
        "is-2021", False, "Amina Mohammed", None)
    assert segment.contact == ("Amina Mohammed", "sec@un.org")
    names = list(db.session.scalars(select(ReminderPolicy.name).where(
        ReminderPolicy.segment_id == segment.id).order_by(ReminderPolicy.id)))
    assert names == [p[0] for p in DEFAULT_POLICIES]
    assert db.session.scalar(select(ChangeLog.summary)) == "created the segment 2021 Integration Segment"


@pytest.mark.parametrize(("overrides", "problems"), [
    ({"end_date": date(2021, 7, 5)}, {"end_date": "2021-07-05 is before the start date 2021-07-06"}),
    ({"timezone": "Europe/Geneva"},
     {"timezone": "unknown time zone 'Europe/Geneva': did you mean 'Europe/Zurich'? "
                  "(Geneva is in Europe/Zurich)"}),
    ({"contact_email": "secretariat@"}, {"contact_email": "'secretariat@' is not an e-mail address"}),
    ({"slug": "Is 2021"}, {"slug": "a-z, 0-9 and -, e.g. ecosoc-2021-integration-segment"}),
    # 14 March 2021: New York's clocks jump from 02:00 to 03:00.
    ({"start_date": date(2021, 3, 13), "end_date": date(2021, 3, 15), "civil_start": time(2, 30)},
     {"civil_start": "2021-03-14 02:30 does not exist in America/New_York: the clocks skip it "
                     "when daylight saving time starts"}),
    ({"civil_start": time(9), "civil_end": time(8)},
     {"civil_end": "the end of civil hours must be after their start"}),
    ({"title": ""}, {"title": "give the segment a title (at most 300 characters)"}),
])
def test_create_segment_bad_settings_refused_nothing_written(app, overrides, problems):
    with pytest.raises(SettingsError) as info:
        create_segment(settings(**overrides), "officer@un.org")
    assert info.value.problems == problems
    assert (count(Segment), count(ReminderPolicy), count(ChangeLog)) == (0, 0, 0)


def test_create_segment_taken_slug_refused(app, make_segment):
    make_segment(slug="is-2021")
    with pytest.raises(SettingsError) as info:
        create_segment(settings(), "officer@un.org")
    assert info.value.problems == {"slug": "is-2021 is already used by another segment"}
    assert count(Segment) == 1


def test_shifted_start_keeps_hq_wall_clock_across_dst(app):
    # 09:00 EST on Monday 2 March 2020 is 14:00 UTC; a week later (after 8 March) 09:00 EDT is 13:00 UTC.
    start = datetime(2020, 3, 2, 14, 0, tzinfo=UTC)
    assert shifted_start(start, "America/New_York", 7) == datetime(2020, 3, 9, 13, 0, tzinfo=UTC)


@pytest.fixture
def source(make_segment, make_session, make_person):
    segment = make_segment(slug="march", title="March segment", start_date=date(2020, 3, 2),
                           end_date=date(2020, 3, 3), contact_email="sec@un.org")
    db.session.add(ReminderPolicy(segment=segment, name="Two days before", minutes_before=2880,
                                  anchor="session", roles=["chair"], subject_template="Soon: {session}",
                                  body_template="{salutation}, see you.", active=False))
    panel = make_session(segment=segment, code="S1", start=datetime(2020, 3, 2, 14, 0, tzinfo=UTC),
                         status="confirmed", revision=3, join_url="https://example.org/s1")
    make_session(segment=segment, code="T1", kind="tech-check", parent=panel, status="cancelled",
                 start=datetime(2020, 3, 3, 3, 30, tzinfo=UTC), cancellation_reason="no need")
    person = make_person()
    db.session.add(Participation(session=panel, person=person, role="chair", position=1, minutes=10,
                                 status="confirmed"))
    db.session.add(Invitation(session=panel, person=person, uid="u@meeting", method="REQUEST",
                              sequence=3, revision=3, sent_at=datetime(2020, 2, 1, tzinfo=UTC),
                              message_id="<m@x>"))
    db.session.commit()
    return segment


def test_duplicate_segment_shifts_across_dst_resets_statuses(app, source):
    copy = duplicate_segment(source, "march-2", "March, again", date(2020, 3, 9), "officer@un.org")
    assert (copy.start_date, copy.end_date, copy.published, copy.contact_email) == (
        date(2020, 3, 9), date(2020, 3, 10), False, "sec@un.org")
    s1, t1 = sorted(copy.sessions, key=lambda s: s.code)
    # 09:00 EST → 09:00 EDT: one hour earlier in UTC; 22:30 EST the day after → 22:30 EDT.
    assert s1.start == datetime(2020, 3, 9, 13, 0, tzinfo=UTC)
    assert t1.start == datetime(2020, 3, 10, 2, 30, tzinfo=UTC)
    assert [(s.status, s.revision, s.cancellation_reason) for s in (s1, t1)] == [
        ("draft", 0, None), ("draft", 0, None)]
    assert t1.parent is s1 and s1.join_url == "https://example.org/s1"
    assert [(p.person.key, p.role, p.minutes, p.status) for p in s1.participations] == [
        (source.sessions[0].participations[0].person.key, "chair", 10, "invited")]
    assert db.session.scalar(select(func.count()).select_from(Invitation).join(Session).where(
        Session.segment_id == copy.id)) == 0
    policies = list(db.session.scalars(select(ReminderPolicy).where(ReminderPolicy.segment_id == copy.id)))
    assert [(p.name, p.minutes_before, p.body_template, p.active) for p in policies] == [
        ("Two days before", 2880, "{salutation}, see you.", False)]
    assert db.session.scalar(select(ChangeLog.summary).where(ChangeLog.segment_id == copy.id)) == (
        "duplicated from march, +7 days")


def test_duplicate_segment_into_dst_gap_refused_nothing_written(app, source, make_session):
    # 02:30 EST on 1 March moved a week later falls in 8 March's skipped hour.
    make_session(segment=source, code="N1", start=datetime(2020, 3, 1, 7, 30, tzinfo=UTC))
    before = (count(Segment), count(Session), count(Participation), count(ReminderPolicy))
    with pytest.raises(SettingsError) as info:
        duplicate_segment(source, "march-2", "March, again", date(2020, 3, 9), "officer@un.org")
    assert info.value.problems == {"start_date": (
        "session N1 cannot keep its time: 2020-03-08 02:30 does not exist in America/New_York: "
        "the clocks skip it when daylight saving time starts")}
    assert (count(Segment), count(Session), count(Participation), count(ReminderPolicy)) == before


def test_duplicate_segment_taken_slug_refused(app, source):
    with pytest.raises(SettingsError) as info:
        duplicate_segment(source, "march", "Copy", date(2020, 3, 9), "officer@un.org")
    assert info.value.problems == {"slug": "march is already used by another segment"}
    assert count(Segment) == 1


def test_delete_session_draft_never_invited_deleted(app, make_session):
    session = make_session(status="draft")
    segment = session.segment
    assert can_delete(session)
    delete_session(session, "officer@un.org")
    assert count(Session) == 0
    assert db.session.scalar(select(ChangeLog.summary).where(ChangeLog.segment_id == segment.id)) == (
        f"deleted {session.code} {session.title}")


def test_delete_session_confirmed_refused(app, make_session):
    session = make_session(status="confirmed")
    assert not can_delete(session)
    with pytest.raises(ValueError) as info:
        delete_session(session, "officer@un.org")
    assert str(info.value) == f"{session.code} cannot be deleted: it is not a draft; cancel it instead"
    assert count(Session) == 1


def test_delete_session_draft_already_invited_refused(app, make_participation):
    p = make_participation()
    session = p.session
    session.status = "draft"
    db.session.add(Invitation(session=session, person=p.person, uid="u@meeting", method="REQUEST",
                              sequence=0, revision=0, sent_at=datetime(2020, 7, 1, tzinfo=UTC),
                              message_id="<m@x>"))
    db.session.commit()
    with pytest.raises(ValueError) as info:
        delete_session(session, "officer@un.org")
    assert str(info.value) == (f"{session.code} cannot be deleted: invitations to it were sent; "
                               "cancel it instead")
    assert count(Session) == 1


def test_cancel_session_stores_reason_raises_revision(app, make_session):
    session = make_session(status="confirmed", revision=2)
    cancel_session(session, "  The panel moved to the HLPF.  ", "officer@un.org")
    db.session.expire_all()
    session = db.session.get(Session, session.id)
    assert (session.status, session.revision, session.cancellation_reason) == (
        "cancelled", 3, "The panel moved to the HLPF.")


def test_cancel_session_without_reason_refused(app, make_session):
    session = make_session(status="confirmed", revision=2)
    with pytest.raises(ValueError) as info:
        cancel_session(session, " ", "officer@un.org")
    assert str(info.value) == ("reason: say why the session is cancelled (at most 2000 characters); "
                               "the cancellation e-mail gives it")
    db.session.rollback()
    assert db.session.get(Session, session.id).status == "confirmed"


def test_delete_session_with_people_cues_reminders_and_tech_check(app, make_session, make_person):
    future = datetime(2031, 7, 6, 13, 0, tzinfo=UTC)
    panel = make_session(status="draft", start=future)
    check = make_session(segment=panel.segment, code="TC9", kind="tech-check", parent=panel,
                         start=datetime(2031, 7, 6, 12, 0, tzinfo=UTC), status="draft")
    person = make_person(email="p@example.org")
    panel.participations.append(Participation(person=person, role="chair", position=1))
    add_default_policies(panel.segment)
    save_programme(panel.segment)
    generate_cues(panel)
    db.session.commit()
    assert (count(Cue) > 0, count(ReminderDelivery) > 0) == (True, True)
    delete_session(panel, "officer@un.org")
    db.session.expire_all()
    assert [s.code for s in db.session.scalars(select(Session))] == ["TC9"]
    assert db.session.get(Session, check.id).parent_id is None
    assert (count(Participation), count(Cue)) == (0, 0)
    assert db.session.scalar(select(func.count()).select_from(ReminderDelivery).where(
        ReminderDelivery.status == "pending")) == 0
