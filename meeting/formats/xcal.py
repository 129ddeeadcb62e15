"""The programme as xCal (RFC 6321): the public calendar feed, written as XML.

icalendar builds the same calendar as the .ics feed and turns it into jCal (RFC 7265);
jCal and xCal are two spellings of one model (RFC 7265 was derived from RFC 6321), so the
XML is written from the jCal structure: a component is <name><properties/><components/>,
a property is <name><parameters/><value-type>value</value-type></name>.
"""

from icalendar import Calendar
from lxml import etree

from meeting.lib.text import xml_safe
from meeting.models import Segment
from meeting.programme.queries import load_sessions

from .common import ExportLinks
from .ical import Links, build_segment_feed

NAMESPACE = "urn:ietf:params:xml:ns:icalendar-2.0"
MEDIA_TYPE = "application/calendar+xml"
# RFC 6321 §3.5: these parameters hold a URI or a calendar address; all others are text.
URI_PARAMETERS = frozenset({"altrep", "dir"})
ADDRESS_PARAMETERS = frozenset({"delegated-from", "delegated-to", "member", "sent-by"})
# RFC 7986 properties icalendar's jCal does not know the type of (it says "unknown").
KNOWN_TYPES = {"name": "text", "color": "text"}


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _add(parent: etree._Element, name: str, text=None) -> etree._Element:
    element = etree.SubElement(parent, _tag(name))
    if text is not None:
        element.text = xml_safe(str(text))
    return element


def _value(parent: etree._Element, value_type: str, value) -> None:
    if value_type == "period":
        period = _add(parent, "period")
        start, end = value
        _add(period, "start", start)
        _add(period, "duration" if end.lstrip("+-").startswith("P") else "end", end)
    elif value_type == "recur":
        recur = _add(parent, "recur")
        for part, items in value.items():
            for item in items if isinstance(items, list) else [items]:
                _add(recur, part, item)
    elif value_type == "boolean":
        _add(parent, "boolean", "true" if value else "false")
    else:
        _add(parent, value_type, value)


def _property(parent: etree._Element, jcal_property: list) -> None:
    name, parameters, value_type, *values = jcal_property
    if value_type == "unknown":
        value_type = KNOWN_TYPES.get(name, value_type)
    element = _add(parent, name)
    if parameters:
        holder = _add(element, "parameters")
        for parameter, value in parameters.items():
            kind = ("uri" if parameter in URI_PARAMETERS
                    else "cal-address" if parameter in ADDRESS_PARAMETERS else "text")
            param = _add(holder, parameter)
            for item in value if isinstance(value, list) else [value]:
                _add(param, kind, item)
    if name == "geo":  # jCal: one value, [latitude, longitude]
        geo = _add(element, "geo")
        latitude, longitude = values[0]
        _add(geo, "latitude", latitude)
        _add(geo, "longitude", longitude)
        return
    for value in values:
        _value(element, value_type, value)


def _component(parent: etree._Element, jcal_component: list) -> None:
    name, properties, components = jcal_component
    element = _add(parent, name)
    if properties:
        holder = _add(element, "properties")
        for jcal_property in properties:
            _property(holder, jcal_property)
    if components:
        holder = _add(element, "components")
        for child in components:
            _component(holder, child)


def xcal_bytes(calendar: Calendar) -> bytes:
    """An icalendar Calendar as an xCal document (UTF-8, with an XML declaration)."""
    root = etree.Element(_tag("icalendar"), nsmap={None: NAMESPACE})
    _component(root, calendar.to_jcal())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def segment_xcal(segment: Segment, links: ExportLinks) -> bytes:
    """The public programme as xCal: the same events as the .ics feed, cancelled ones left out."""
    return xcal_bytes(build_segment_feed(segment, load_sessions(segment), Links(programme=links.programme)))
