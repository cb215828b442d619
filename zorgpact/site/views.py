import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from zorgpact.core.health import backends, service_status
from zorgpact.site.selectors import home_context


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "zorgpact/home.html", home_context())


def healthz(request: HttpRequest) -> JsonResponse:
    status = service_status()
    down = [name for name, ok in status.items() if not ok]
    names = backends()
    body = {
        "status": "ok" if not down else "down",
        "services": status,
        "backends": names,
        # "cache (Redis)": which of our services is down, and which server to look at.
        "down": [f"{name} ({names[name]})" for name in down],
    }
    return JsonResponse(body, status=503 if down else 200)


# What search engines leave alone: signed-in screens, sign-in pages and the API's own documentation.
ROBOTS_DISALLOW = ("werkruimte/", "account/", "volgspot/", "api/docs/", "api/schema/", "admin/")
# security.txt must say until when it holds (RFC 9116, "Expires", under a year ahead); it is written per request, so
# it holds for as long as the contact set in the settings does.
SECURITY_TXT_VALID_DAYS = 180


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        *(f"Disallow: /{path}" for path in ROBOTS_DISALLOW),
        "",
        f"Sitemap: {settings.PORTAL_URL}{reverse('sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    expires = (timezone.now() + datetime.timedelta(days=SECURITY_TXT_VALID_DAYS)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.PORTAL_URL}{reverse('security-txt')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "zorgpact/accessibility.html", {"contact_email": settings.CONTACT_EMAIL})


def privacy_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "zorgpact/privacy.html",
        {
            "contact_email": settings.CONTACT_EMAIL,
            "reporter_retention_months": settings.REPORTER_RETENTION_MONTHS,
            "audit_retention_months": settings.AUDIT_RETENTION_MONTHS,
        },
    )
