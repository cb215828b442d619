from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .health import backends, service_status
from .selectors import home_context


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
