"""The export registry: every export it lists is served, linked and described."""

from lxml import html

from meeting.formats.openapi import openapi_document
from meeting.formats.registry import EXPORTS, built_exports
from tests.conftest import load_published

SLUG = "ecosoc-2020-integration-segment"


def test_registry_every_export_answers_with_its_content_type(client, app):
    load_published()
    links = client.get(f"/api/v1/segments/{SLUG}").get_json()["segment"]["links"]
    assert list(links) == [e.id for e in EXPORTS]
    for export in EXPORTS:
        response = client.get(links[export.id].removeprefix("http://localhost"))
        assert (export.id, response.status_code) == (export.id, 200)
        assert (export.id, response.content_type.replace(" ", "").lower()) == (
            export.id, export.content_type.replace(" ", "").lower())


def test_registry_built_exports_each_have_one_generated_route(app):
    rules = {r.endpoint: r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("formats.")}
    assert rules == {f"formats.{e.id}": f"/segments/<slug>/{e.path}" for e in built_exports()}
    assert rules["formats.xcal"] == "/segments/<slug>/programme.xcs"


def test_registry_open_data_page_lists_every_export_in_order(client, app):
    load_published()
    page = html.fromstring(client.get(f"/segments/{SLUG}/open-data/").data)
    labels = page.xpath("//table[@class='grid']/tbody/tr/td[1]/text()")
    assert labels[: len(EXPORTS)] == [e.label for e in EXPORTS]


def test_registry_openapi_segment_links_name_every_export():
    links = openapi_document("http://localhost/api/v1")["components"]["schemas"]["SegmentLinks"]
    assert links["required"] == [e.id for e in EXPORTS]
    assert links["additionalProperties"] is False
