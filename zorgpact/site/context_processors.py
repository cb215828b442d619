from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("/regionale-zorgpacten/", _("Regional pacts")),
    ("/koplopers/", _("Koplopers")),
    ("/themas/", _("Themes")),
    ("/ruimte-in-de-regels/", _("Room in the rules")),
    ("/regelingen/", _("Schemes")),
]


def navigation(request: HttpRequest) -> dict:
    path = request.path
    return {
        "main_navigation": [
            {"url": url, "label": label, "current": path.startswith(url)} for url, label in MAIN_NAVIGATION
        ]
    }
