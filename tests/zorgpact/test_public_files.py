"""The files and statements a Dutch public-sector site must have: robots.txt, security.txt (RFC 9116), the
accessibility and privacy statements (linked from every page), LICENSE, SECURITY.md and publiccode.yml."""

import datetime
import re
from pathlib import Path

import pytest
import yaml
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_robots_txt_keeps_crawlers_out_of_private_screens(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/werkruimte/", "/account/", "/volgspot/", "/api/docs/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines  # the public portal stays findable
    assert any(line.startswith("Sitemap: http") and line.endswith("/sitemap.xml") for line in lines)


def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@voorbeeld.test"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"] == "mailto:security@voorbeeld.test"
    expires = datetime.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert timezone.now() < expires < timezone.now() + datetime.timedelta(days=365)  # RFC 9116: under a year
    assert fields["Canonical"].endswith("/.well-known/security.txt")


@pytest.mark.parametrize(
    ("path", "heading", "must_say"),
    [
        (
            "/toegankelijkheid/",
            "Toegankelijkheidsverklaring",
            ["WCAG 2.1", "EN 301 549", "Status C", "Nationale ombudsman"],
        ),
        ("/privacy/", "Privacyverklaring", ["Autoriteit Persoonsgegevens", "12 maanden", "24 maanden", "IP-adres"]),
    ],
)
def test_public_statements_in_dutch_linked_from_every_page(client, path, heading, must_say):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f">{heading}</h1>" in html
    for text in must_say:
        assert text in html, text
    home = client.get("/").content.decode()
    assert f'href="{path}"' in home


def test_license_is_the_eupl_1_2_as_package_json_says():
    text = (ROOT / "LICENSE").read_text()
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in text and "Compatible Licences" in text
    assert '"license": "EUPL-1.2"' in (ROOT / "package.json").read_text()


def test_security_md_says_how_to_report():
    text = (ROOT / "SECURITY.md").read_text()
    assert "security.txt" in text and "SECURITY_CONTACT" in text


def test_publiccode_yml_is_valid_for_the_standard_0_4():
    """The rules of the standard's schema (publiccode.yml 0.4) that apply to the keys we use."""
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    required = {
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "categories",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    }
    assert required <= data.keys()
    assert data["publiccodeYmlVersion"] == "0.4"
    assert re.match(r"https?://", data["url"])
    assert data["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert data["softwareType"] in {
        "standalone/mobile",
        "standalone/iot",
        "standalone/desktop",
        "standalone/web",
        "standalone/backend",
        "standalone/other",
        "addon",
        "library",
        "configurationFiles",
    }
    assert set(data["categories"]) <= {
        "collaboration",
        "knowledge-management",
        "project-management",
        "data-visualization",
        "document-management",
    }
    assert set(data["intendedAudience"]["scope"]) <= {
        "education",
        "healthcare",
        "welfare",
        "government",
        "employment",
        "local-authorities",
    }
    for language, description in data["description"].items():
        assert re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", language)
        assert len(description["shortDescription"]) <= 150
        assert 150 <= len(description["longDescription"]) <= 10000
        assert description["features"] and all(len(f) <= 100 for f in description["features"])
        assert len(description.get("genericName", "")) <= 35
    assert data["legal"]["license"] == "EUPL-1.2"
    assert data["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert isinstance(data["localisation"]["localisationReady"], bool)
    assert set(data["localisation"]["availableLanguages"]) == {"nl", "en"}
    if "softwareVersion" in data:  # released: the date of that release is then required
        assert isinstance(data["releaseDate"], datetime.date)
