"""The portal's URLs plus one view that fails: for the test of the 500 page."""

from django.urls import path

from zorgpact.urls import handler500  # noqa: F401 - handler500 is read from here
from zorgpact.urls import urlpatterns as portal_urlpatterns


def boom(request):
    raise RuntimeError("secret detail that must not reach the visitor")


urlpatterns = [path("boom/", boom), path("api/boom/", boom), *portal_urlpatterns]
