"""The SVG charts must be drawable in Dutch too: Dutch number formatting writes 12,5 where SVG needs 12.5, and a
browser drops such an attribute (a bar of width 0, a dot at the origin) without an error anywhere."""

import re

import pytest

from zorgpact.demo.loader import load_demo_data

pytestmark = pytest.mark.django_db

GEOMETRY = re.compile(r'\s(x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)"')
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def svg_geometry(html: str) -> list[tuple[str, str]]:
    return [match for svg in SVG.findall(html) for match in GEOMETRY.findall(svg)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_chart_geometry_is_plain_numbers_in_every_language(client, ministry_staff, language):
    load_demo_data()
    client.force_login(ministry_staff)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    pages = [
        "/regionale-zorgpacten/zorgpact-oefenregio-fictief/",
        "/volgspot/",
        "/volgspot/pacten/zorgpact-oefenregio-fictief/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        geometry = svg_geometry(response.content.decode())
        assert len(geometry) > 20, page  # the page does draw charts
        assert any("." in value for _name, value in geometry), page  # fractional coordinates are among them
        bad = [(name, value) for name, value in geometry if not NUMBER.fullmatch(value)]
        assert not bad, (page, bad[:5])
