"""The OpenAPI 3.1 description of the read API (/api/v1), as a Python dict.

Its component schemas are JSON Schema 2020-12 and describe exactly what
meeting.formats.api_json builds; the tests validate every API response against them.
"""

from meeting.models import SESSION_KINDS, TAG_VOCABULARIES
from meeting.programme.roles import ROLES

from .common import SESSION_STATUS, SPEAKER_STATUS
from .registry import EXPORTS

REF = "#/components/schemas/"
UTC_NOTE = "in UTC, ISO 8601 with a Z (e.g. 2020-07-06T13:30:00Z)"
LOCAL_NOTE = ("wall-clock time in the segment's HQ zone (`timezone`), ISO 8601 with that zone's "
              "UTC offset at that instant (e.g. 2020-07-06T09:30:00-04:00)")


def _string(description: str, nullable: bool = False, **extra) -> dict:
    return {"type": ["string", "null"] if nullable else "string", "description": description,
            **extra}


def _object(properties: dict, description: str) -> dict:
    return {"type": "object", "description": description, "additionalProperties": False,
            "required": list(properties), "properties": properties}


def _schemas() -> dict:
    return {
        "Tag": _object({
            "code": _string("Stable code, e.g. entry-point-1, action-area-a, sdg-3."),
            "vocabulary": {"type": "string", "enum": list(TAG_VOCABULARIES),
                           "description": "Which of the concept note's three vocabularies."},
            "number": {"type": "integer", "minimum": 1, "description": "Number within the vocabulary."},
            "label": _string("Human-readable label."),
        }, "A term of one of the three fixed vocabularies."),
        "Organization": _object({
            "key": _string("Stable key of the organization."),
            "name": _string("Full name."),
            "acronym": _string("Acronym, if it has one.", nullable=True),
        }, "The organization a speaker represents."),
        "Speaker": _object({
            "key": _string("Stable key of the person (the same in every session)."),
            "name": _string("Name or title as printed, without honorific."),
            "display_name": _string("Name with honorific, as printed on the programme."),
            "honorific": _string("E.g. H.E., Dr., Prof.", nullable=True),
            "position": _string("Position held.", nullable=True),
            "role": {"type": "string", "enum": list(ROLES), "description": "Role in this session."},
            "role_label": _string("The role in words, e.g. 'Lead discussant'."),
            "order": {"type": "integer", "minimum": 1,
                      "description": "Place in the session's speaking order (1 = first), counting "
                                     "only people who have not declined."},
            "status": {"type": "string", "enum": sorted(set(SPEAKER_STATUS.values())),
                       "description": "People who declined are not listed."},
            "organization": {"oneOf": [{"$ref": REF + "Organization"}, {"type": "null"}]},
        }, "A person taking part in a session. Speakers are listed in speaking order."),
        "Session": _object({
            "code": _string("Code of the session, unique within its segment (e.g. S2)."),
            "title": _string("Title."),
            "kind": {"type": "string", "enum": [k for k in SESSION_KINDS if k != "tech-check"]},
            "status": {"type": "string", "enum": sorted(set(SESSION_STATUS.values())),
                       "description": "Cancelled sessions stay listed so consumers learn of them."},
            "description": _string("Plain text; paragraphs separated by a blank line.",
                                   nullable=True),
            "start_utc": _string(f"Start, {UTC_NOTE}.", format="date-time"),
            "end_utc": _string(f"End, {UTC_NOTE}.", format="date-time"),
            "start_local": _string(f"Start, {LOCAL_NOTE}.", format="date-time"),
            "end_local": _string(f"End, {LOCAL_NOTE}.", format="date-time"),
            "duration_minutes": {"type": "integer", "minimum": 0},
            "platform": _string("The virtual channel (e.g. Interprefy). Join details are never "
                                "published.", nullable=True),
            "interpretation": {"type": "array", "items": {"type": "string"},
                               "description": "Interpretation languages, ISO 639-1 codes."},
            "interpretation_platform": _string("The remote simultaneous interpretation platform (e.g. "
                                               "KUDO). Its link is never published.", nullable=True),
            "captioning": {"type": "array", "items": {"type": "string"},
                           "description": "Languages captioned live (CART), ISO 639-1 codes."},
            "captioning_url": _string("Where the live captions are followed.", nullable=True,
                                      format="uri"),
            "webcast_url": _string("Public webcast.", nullable=True, format="uri"),
            "symbol": _string("The session's UN document symbol, e.g. E/HLPF/2020/L.1.", nullable=True),
            "updated_at": _string(f"Last change to the session, {UTC_NOTE}.", format="date-time"),
            "tags": {"type": "array", "items": {"$ref": REF + "Tag"}},
            "speakers": {"type": "array", "items": {"$ref": REF + "Speaker"}},
            "url": _string("The session's public page.", format="uri"),
            "ics_url": _string("The session as a calendar file (times in UTC); null when "
                               "cancelled.", nullable=True, format="uri"),
        }, "A public session of the programme. Tech checks are never listed."),
        "SegmentLinks": _object(
            {e.id: _string(f"{e.label} ({e.content_type}).", format="uri") for e in EXPORTS},
            "Where the segment is in each format (one key per export)."),
        "Segment": _object({
            "slug": _string("Stable public identifier."),
            "title": _string("Title."),
            "theme": _string("Theme.", nullable=True),
            "timezone": _string("IANA name of the HQ time zone; every *_local time uses it."),
            "start_date": _string("First day, in the HQ zone.", format="date"),
            "end_date": _string("Last day, in the HQ zone.", format="date"),
            "changed_at": _string(f"Last change to anything public in the segment, {UTC_NOTE}.",
                                  format="date-time"),
            "url": _string("The public programme page.", format="uri"),
            "links": {"$ref": REF + "SegmentLinks"},
        }, "A published meeting segment."),
        "SegmentList": _object({"segments": {"type": "array", "items": {"$ref": REF + "Segment"}}},
                               "Every published segment, newest first."),
        "Programme": _object({
            "segment": {"$ref": REF + "Segment"},
            "sessions": {"type": "array", "items": {"$ref": REF + "Session"},
                         "description": "In time order."},
        }, "A segment and its public programme."),
        "Error": _object({"error": _object({
            "status": {"type": "integer", "description": "The HTTP status."},
            "message": _string("What went wrong."),
        }, "The error.")}, "Every error answer of the API."),
    }


def _response(description: str, schema: str) -> dict:
    return {
        "description": description,
        "headers": {
            "ETag": {"description": "Send it back in If-None-Match to get a 304 when unchanged.",
                     "schema": {"type": "string"}},
            "Last-Modified": {"description": "When the data last changed.",
                              "schema": {"type": "string"}},
        },
        "content": {"application/json": {"schema": {"$ref": REF + schema}}},
    }


def _operation(operation_id: str, summary: str, schema: str, parameters: list,
               not_found: bool = True) -> dict:
    responses = {"200": _response(summary, schema),
                 "304": {"description": "Not modified since the ETag or date the client sent."}}
    if not_found:
        responses["404"] = {"description": "No such published segment or session.",
                            "content": {"application/json": {"schema": {"$ref": REF + "Error"}}}}
    return {"get": {"operationId": operation_id, "summary": summary, "parameters": parameters,
                    "responses": responses}}


def _parameter(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string"}}


def openapi_document(server_url: str) -> dict:
    """The OpenAPI 3.1 document for the API served at `server_url` (…/api/v1)."""
    slug = _parameter("slug", "The segment's slug.")
    code = _parameter("code", "The session's code.")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "meeting programme API",
            "version": "1.0.0",
            "description": (
                "Read-only public programme of published meeting segments. No login. Times "
                "ending in _utc are UTC; times ending in _local are in the segment's HQ zone "
                "with their offset. Private details (join links, passcodes, dial-in numbers, "
                "e-mail addresses) are never included. Every answer carries an ETag and "
                "Last-Modified; send If-None-Match or If-Modified-Since to get a 304. "
                "CORS: Access-Control-Allow-Origin: *."),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/segments": _operation("listSegments", "Published segments", "SegmentList", [],
                                    not_found=False),
            "/segments/{slug}": _operation("getSegment", "A segment and its sessions",
                                           "Programme", [slug]),
            "/segments/{slug}/sessions/{code}": _operation("getSession", "One session", "Session",
                                                           [slug, code]),
        },
        "components": {"schemas": _schemas()},
    }
