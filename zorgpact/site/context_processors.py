from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("pacts:list", _("Regional pacts")),
    ("koplopers:list", _("Koplopers")),
    ("themes", _("Themes")),
    ("regels:list", _("Room in the rules")),
    ("schemes:list", _("Schemes")),
]


def navigation(request: HttpRequest) -> dict:
    path = request.path
    return {
        "main_navigation": [
            {"url": url, "label": label, "current": path.startswith(url)}
            for url, label in ((reverse(name), label) for name, label in MAIN_NAVIGATION)
        ]
    }
