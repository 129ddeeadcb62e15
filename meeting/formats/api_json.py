"""The programme as the read API's JSON (described by meeting.formats.openapi).

Cancelled sessions stay in, with status "cancelled", so a consumer learns about them.
"""

from meeting.models import Segment
from meeting.programme.public import PublicSession, PublicSpeaker

from .common import SESSION_STATUS, SPEAKER_STATUS, ExportLinks, local_text, plain_text, utc_text


def segment_json(segment: Segment, links: ExportLinks) -> dict:
    """A segment as the API describes it: dates in its HQ zone, changed_at in UTC."""
    return {
        "slug": segment.slug,
        "title": segment.title,
        "theme": segment.theme,
        "timezone": segment.timezone,
        "start_date": segment.start_date.isoformat(),
        "end_date": segment.end_date.isoformat(),
        "changed_at": utc_text(segment.changed_at),
        "url": links.programme,
        "links": dict(links.formats),
    }


def speaker_json(speaker: PublicSpeaker) -> dict:
    """One person in a session, with only public columns."""
    organization = None
    if speaker.organization_key:
        organization = {"key": speaker.organization_key, "name": speaker.organization_name,
                        "acronym": speaker.organization_acronym}
    return {
        "key": speaker.key,
        "name": speaker.name,
        "display_name": speaker.display_name,
        "honorific": speaker.honorific,
        "position": speaker.position,
        "role": speaker.role,
        "role_label": speaker.role_label,
        "order": speaker.order,
        "status": SPEAKER_STATUS[speaker.status],
        "organization": organization,
    }


def session_json(session: PublicSession, zone: str, links: ExportLinks) -> dict:
    """One session: UTC times, the same in the HQ zone with offset, tags, speakers in order."""
    cancelled = session.status == "cancelled"
    return {
        "code": session.code,
        "title": session.title,
        "kind": session.kind,
        "status": SESSION_STATUS[session.status],
        "description": plain_text(session.description) or None,
        "start_utc": utc_text(session.start),
        "end_utc": utc_text(session.end),
        "start_local": local_text(session.start, zone),
        "end_local": local_text(session.end, zone),
        "duration_minutes": session.duration_minutes,
        "platform": session.platform,
        "interpretation": list(session.interpretation or []),
        "interpretation_platform": session.interpretation_platform,
        "captioning": list(session.captioning or []),
        "captioning_url": session.captioning_url,
        "webcast_url": session.webcast_url,
        "symbol": session.symbol,
        "updated_at": utc_text(session.updated_at),
        "tags": [{"code": t.code, "vocabulary": t.vocabulary, "number": t.number, "label": t.label}
                 for t in session.tags],
        "speakers": [speaker_json(s) for s in session.speakers],
        "url": links.session(session.code),
        # A cancelled session has no calendar file: calendars drop it.
        "ics_url": None if cancelled else links.session_ics(session.code),
    }


def programme_json(segment: Segment, sessions: list[PublicSession], links: ExportLinks) -> dict:
    """The segment and every public session, cancelled ones included, in time order."""
    return {
        "segment": segment_json(segment, links),
        "sessions": [session_json(s, segment.timezone, links) for s in sessions],
    }
