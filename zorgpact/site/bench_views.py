"""The ceiling for `make bench`: a bare view that renders a page of the same size without touching the database.

Only routed when BENCH_CEILING is set (the benchmark's own server), never in production.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def ceiling(request: HttpRequest) -> HttpResponse:
    try:
        size = max(1, min(int(request.GET.get("kb", "20")), 500))
    except ValueError:
        size = 20
    rows = range(size * 1024 // 96)  # each row renders to about 96 bytes
    return render(request, "bench/ceiling.html", {"rows": rows})
