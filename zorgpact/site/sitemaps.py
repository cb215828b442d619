"""sitemap.xml: every public page, so search engines and the programme's partners find them."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from koplopers.models import Koploper
from pacts.models import Pact
from regels.models import Case, Scheme
from zorgpact.models import Theme


class StaticSitemap(Sitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "home",
            "pacts:list",
            "koplopers:list",
            "koplopers:apply",
            "themes",
            "regels:list",
            "regels:report",
            "schemes:list",
            "search",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class PactSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Pact.objects.order_by("pk").only("slug")


class KoploperSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Koploper.objects.published().order_by("pk").only("slug")


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.order_by("pk").only("slug")


class CaseSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Case.objects.published().order_by("pk").only("slug")


class SchemeSitemap(Sitemap):
    def items(self):
        return Scheme.objects.order_by("pk").only("slug")


SITEMAPS = {
    "pages": StaticSitemap,
    "pacts": PactSitemap,
    "koplopers": KoploperSitemap,
    "themes": ThemeSitemap,
    "cases": CaseSitemap,
    "schemes": SchemeSitemap,
}
