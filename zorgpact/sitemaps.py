"""sitemap.xml: every public page, so search engines and the programme's partners find them."""

from django.contrib.sitemaps import Sitemap

from koplopers.models import Koploper
from pacts.models import Pact
from zorgpact.models import Theme


class StaticSitemap(Sitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return ["/", "/regionale-zorgpacten/", "/koplopers/", "/koplopers/aanmelden/", "/themas/"]

    def location(self, item: str) -> str:
        return item


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

    def location(self, item: Theme) -> str:
        return f"/themas/{item.slug}/"


SITEMAPS = {"pages": StaticSitemap, "pacts": PactSitemap, "koplopers": KoploperSitemap, "themes": ThemeSitemap}
