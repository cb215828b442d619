"""/api/v1/: the open data API. Project-level: it composes every app's endpoints."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from koplopers.api import KoploperViewSet
from pacts.api import ActionViewSet, IndicatorViewSet, MeasurementViewSet, PactViewSet
from regels.api import CaseViewSet, SchemeViewSet
from volgspot.api import DashboardView, ReportViewSet, SessionViewSet
from zorgpact.api import ThemeViewSet
from zorgpact.site.api import OrganisationViewSet

router = DefaultRouter()
router.register("themes", ThemeViewSet, basename="theme")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("pacts", PactViewSet, basename="pact")
router.register("actions", ActionViewSet, basename="action")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("measurements", MeasurementViewSet, basename="measurement")
router.register("koplopers", KoploperViewSet, basename="koploper")
router.register("cases", CaseViewSet, basename="case")
router.register("schemes", SchemeViewSet, basename="scheme")
router.register("volgspot/sessions", SessionViewSet, basename="volgspot-session")
router.register("volgspot/reports", ReportViewSet, basename="volgspot-report")

urlpatterns = [
    path("v1/volgspot/dashboard/", DashboardView.as_view(), name="volgspot-dashboard"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the script policy stays strict; Swagger UI does
    # set inline styles, which this page alone allows.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
]
