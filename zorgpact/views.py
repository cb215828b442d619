from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .health import service_status
from .selectors import home_context


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "zorgpact/home.html", home_context())


def healthz(request: HttpRequest) -> JsonResponse:
    status = service_status()
    down = [name for name, ok in status.items() if not ok]
    body = {"status": "ok" if not down else "down", "services": status, "down": down}
    return JsonResponse(body, status=503 if down else 200)
