import pytest
from django.test import override_settings

from koplopers.constants import KoploperStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import PactFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_only(client):
    PactFactory(slug="zorgpact-zeeland")
    KoploperFactory(slug="de-zeeuwse-huiskamer")
    KoploperFactory(slug="in-aanvraag", status=KoploperStatus.APPLIED)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/regionale-zorgpacten/zorgpact-zeeland/" in text
    assert "/koplopers/de-zeeuwse-huiskamer/" in text
    assert "in-aanvraag" not in text


@override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"])
def test_404_page_in_house_style(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "site-header" in response.text and 'action="/zoeken/"' in response.text


def test_500_page_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<h1" in html and "Zorgpact" in html


@pytest.mark.parametrize("path", ["/", "/regionale-zorgpacten/", "/koplopers/", "/koplopers/aanmelden/"])
def test_every_page_has_title_description_and_opengraph(client, path):
    text = client.get(path).text
    assert "<title>" in text and '<meta name="description" content="' in text
    assert 'property="og:title"' in text


def test_home_koploper_cards_are_the_catalogue_cards(client):
    """The newest koplopers on the home page show their province, pact and themes, as in the catalogue (they were
    a title alone for a koploper without a summary)."""
    from tests.koplopers.factories import KoploperFactory
    from tests.zorgpact.factories import ThemeFactory
    from zorgpact.models import Province

    theme = ThemeFactory(name="Zorg en technologie", slug="zorg-en-technologie")
    koploper = KoploperFactory(name="MakeHealth", summary="", is_synthetic=False)
    koploper.themes.add(theme)
    koploper.provinces.add(Province.objects.get_or_create(code="LI", defaults={"name": "Limburg"})[0])
    body = client.get("/").text
    card = body[body.index(">MakeHealth</a>") :]
    card = card[: card.index("</li>")]
    assert "Limburg" in card and 'badge">Zorg en technologie</span>' in card
