"""Ministry and national team endpoints: dashboard aggregates, Volgspot sessions and agreements, progress reports.

The same permission module as the pages: dashboards are for ministries and the national team; a coordinator sees
the sessions and reports of their own pact only (another pact's is a 404).
"""

from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from pacts.models import Pact
from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.core.api_support import ServiceUnavailable
from zorgpact.permissions import get_for_user, reads_dashboards

from .constants import ReportScope
from .models import Agreement, ProgressReport, VolgspotSession
from .selectors import Filters, cached_national_dashboard
from .services import ReportsUnavailable, request_report


class ReadsEverything(permissions.BasePermission):
    message = "Only ministry staff and the national team read the dashboards."

    def has_permission(self, request, view) -> bool:
        return reads_dashboards(request.user)


class DashboardView(APIView):
    """National key figures and tables, as on /volgspot/ (filters: province, theme, van, tot)."""

    permission_classes = [permissions.IsAuthenticated, ReadsEverything]

    @extend_schema(
        parameters=[OpenApiParameter(name, str, required=False) for name in ("province", "theme", "van", "tot")],
        responses={200: dict},
    )
    def get(self, request):
        data = cached_national_dashboard(Filters.from_request(request.query_params))
        return Response(
            {
                "figures": data["figures"],
                "tables": {
                    k: {"head": v["head"], "rows": [list(map(str, r)) for r in v["rows"]]}
                    for k, v in data["tables"].items()
                },
            }
        )


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "text", "owner_name", "due_on", "status"]


class SessionSerializer(serializers.ModelSerializer):
    pact = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phase = serializers.SlugRelatedField(slug_field="order", read_only=True, allow_null=True)
    agreements = AgreementSerializer(many=True, read_only=True)

    class Meta:
        model = VolgspotSession
        fields = ["id", "pact", "round", "held_on", "status", "phase", "summary", "agreements"]


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Volgspot sessions with their agreements: all for ministries and the national team, own pacts for coordinators."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = SessionSerializer
    filterset_fields = ["status", "round"]

    def get_queryset(self):
        return (
            VolgspotSession.objects.visible_to(self.request.user)
            .select_related("pact", "phase")
            .prefetch_related("agreements")
            .order_by("pk")
        )


class ReportSerializer(serializers.ModelSerializer):
    pact = serializers.SlugRelatedField(slug_field="slug", queryset=Pact.objects.all(), required=False, allow_null=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "scope",
            "pact",
            "period_start",
            "period_end",
            "status",
            "error",
            "queued_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = ["id", "status", "error", "queued_at", "started_at", "finished_at"]

    def validate(self, data):
        user = self.context["request"].user
        if data["period_end"] < data["period_start"]:
            raise serializers.ValidationError({"period_end": ["The period cannot end before it starts."]})
        if data["scope"] == ReportScope.PACT:
            pact = data.get("pact")
            if pact is None or not Pact.objects.visible_to(user).filter(pk=pact.pk).exists():
                raise serializers.ValidationError({"pact": ["Unknown pact."]})
        elif not reads_dashboards(user):
            raise serializers.ValidationError({"scope": ["National reports are for ministries and the national team."]})
        else:
            data["pact"] = None
        return data


class ReportViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Request a progress report (the same inputs reuse the one built), poll its status, download the PDF when done."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ReportSerializer

    def get_queryset(self):
        return ProgressReport.objects.visible_to(self.request.user).select_related("pact").order_by("-queued_at")

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = request_report(
                scope=data["scope"],
                pact=data.get("pact"),
                period_start=data["period_start"],
                period_end=data["period_end"],
                user=self.request.user,
            )
        except ReportsUnavailable as error:
            raise ServiceUnavailable(
                "Reports cannot be made at the moment: the worker's queue is unavailable. Nothing was requested; "
                "try again in a few minutes."
            ) from error

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        report = get_for_user(ProgressReport.objects.all(), request.user, pk=pk)
        if not report.is_done or not report.pdf:
            raise Http404
        audit.record(AuditEventType.REPORT_DOWNLOADED, target=report, detail="pdf (API)")
        return FileResponse(
            report.pdf.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"rapportage-{report.pk}.pdf",
        )
