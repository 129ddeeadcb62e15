"""Shared checks for the open formats tests and the public crawl: the API's JSON schemas, the
frab XSD, and every private value of a programme (which no public output may contain)."""

from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import select

from meeting.extensions import db
from meeting.formats.openapi import openapi_document
from meeting.models import Document, KeyMessage, Participation, Person, Session
from meeting.programme.queries import PRIVATE_KINDS

FRAB_XSD = Path(__file__).parent.parent / "data" / "frab-schedule.xsd"
OPENAPI_URI = "urn:meeting:openapi"


@lru_cache(maxsize=1)
def frab_schema() -> etree.XMLSchema:
    """The frab schedule XSD as published by c3voc (a copy kept with the tests)."""
    return etree.XMLSchema(etree.parse(str(FRAB_XSD)))


def assert_frab_valid(xml: bytes) -> etree._Element:
    """Parse schedule.xml, fail with the validator's message unless it matches the XSD."""
    root = etree.fromstring(xml)
    frab_schema().assertValid(root)
    return root


def assert_matches_schema(document, name: str, openapi: dict | None = None) -> None:
    """Validate `document` against components/schemas/<name> (JSON Schema 2020-12, formats on)."""
    openapi = openapi or openapi_document("http://localhost/api/v1")
    registry = Registry().with_resource(
        OPENAPI_URI, Resource.from_contents(openapi, default_specification=DRAFT202012))
    validator = Draft202012Validator({"$ref": f"{OPENAPI_URI}#/components/schemas/{name}"},
                                     registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def private_values() -> set[str]:
    """Everything in the database the public must never see: every join link (and interpretation
    platform link), meeting id,
    passcode, dial-in number, e-mail address, backup phone and host's or producer's phone; the
    titles of tech checks; the names of
    people whose only participation is declined; the text of draft documents and key messages."""
    values: set[str] = set()
    for row in db.session.execute(select(Session.join_url, Session.meeting_id, Session.passcode,
                                         Session.dial_in, Session.host_email, Session.host_phone,
                                         Session.producer_email, Session.producer_phone,
                                         Session.interpretation_url)):
        values |= {v for v in row if v}
    values |= {e for e in db.session.scalars(select(Person.email)) if e}
    values |= {p for p in db.session.scalars(select(Person.backup_phone)) if p}
    values |= set(db.session.scalars(select(Session.title).where(Session.kind.in_(PRIVATE_KINDS))))
    taking_part = select(Participation.person_id).where(Participation.status != "declined")
    values |= set(db.session.scalars(
        select(Person.name).join(Participation, Participation.person_id == Person.id)
        .where(Participation.status == "declined", Person.id.not_in(taking_part))))
    for row in db.session.execute(select(Document.title, Document.summary, Document.body)
                                  .where(Document.status == "draft")):
        values |= {v for v in row if v}
    values |= set(db.session.scalars(select(KeyMessage.text).where(KeyMessage.status == "draft")))
    return values
