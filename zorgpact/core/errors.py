"""Error pages: JSON under /api/ (clients parse it), the house style elsewhere."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Never a traceback: a generic page (or JSON) with the request id that finds the traceback in the log."""
    request_id = getattr(request, "id", "")
    if _is_api(request):
        return JsonResponse({"detail": "Server error.", "request_id": request_id}, status=500)
    # Rendered without the request's context processors: they may be what failed.
    return HttpResponse(loader.get_template("500.html").render({"request_id": request_id}), status=500)


def bad_request(request: HttpRequest, exception=None, message: str = "") -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": message or "Bad request."}, status=400)
    return HttpResponse(loader.get_template("400.html").render({"message": message}), status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    # The house page, with the site's navigation: a reader who may not edit still knows where they are.
    return defaults.permission_denied(request, exception, template_name="403.html")
