"""Pacts and their public action agendas as open data; coordinators write actions, indicators and measurements."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import SAFE_METHODS

from zorgpact.core.api_support import CitationsField, EditPermission, PublicReadOnly, VersionedSerializer, sent_version
from zorgpact.models import Organisation, Theme
from zorgpact.permissions import can_edit

from .filters import PactFilterSet
from .models import Action, Goal, Indicator, Measurement, Pact
from .progress import PactResults
from .selectors import composition_from_counts, indicator_progress, pact_list_queryset, pact_results
from .services import set_archived


class PactSerializer(serializers.ModelSerializer):
    provinces = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    phase = serializers.SlugRelatedField(slug_field="order", read_only=True, allow_null=True)
    lead = serializers.CharField(source="lead.name", read_only=True, allow_null=True, default=None)
    functions = serializers.ListField(child=serializers.CharField(), read_only=True)
    partner_count = serializers.IntegerField(read_only=True)
    action_count = serializers.IntegerField(read_only=True)
    partner_gaps = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    based_on = serializers.SerializerMethodField()
    stale = serializers.SerializerMethodField()
    citations = CitationsField()

    class Meta:
        model = Pact
        fields = [
            "slug",
            "name",
            "region",
            "provinces",
            "status",
            "started_on",
            "phase",
            "functions",
            "collaboration",
            "lead",
            "ambition_text",
            "themes",
            "partner_count",
            "action_count",
            "partners_complete",
            "partner_gaps",
            "progress",
            "based_on",
            "stale",
            "source",
            "citations",
        ]

    def _rollup(self, pact):
        # The page's results, computed once for every pact on it (PactViewSet.results): pacts.progress, one query.
        return self.context["results"].get(pact.pk, PactResults()).pact

    def get_progress(self, pact) -> int | None:
        """Whole percentage from baseline to target (pacts.progress); null when no indicator has a computed one."""
        return self._rollup(pact).percent

    def get_based_on(self, pact) -> int:
        return self._rollup(pact).based_on

    def get_stale(self, pact) -> int:
        return self._rollup(pact).stale

    def get_partner_gaps(self, pact) -> list[str] | None:
        """The gouden-driehoek gaps (pacts.selectors.partner_gaps); null while the partner list is not marked complete."""
        composition = composition_from_counts(complete=pact.partners_complete, counts=pact)
        return [str(g) for g in composition.gaps] if composition.recorded else None


class PactViewSet(viewsets.ReadOnlyModelViewSet):
    """Regional pacts; filter with the same parameters as the web page (q, province, phase, function, theme)."""

    permission_classes = [PublicReadOnly]

    queryset = pact_list_queryset().prefetch_related("citations")
    serializer_class = PactSerializer
    filterset_class = PactFilterSet
    lookup_field = "slug"

    def get_serializer(self, *args, **kwargs):
        """The roll-up for exactly the pacts serialised (a page, or one), in one query."""
        instance = args[0] if args else None
        if instance is not None:
            pacts = [instance] if isinstance(instance, Pact) else list(instance)
            self.results = pact_results(Pact.objects.filter(pk__in=[p.pk for p in pacts])) if pacts else {}
        return super().get_serializer(*args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "results": getattr(self, "results", {})}


class MeasurementSerializer(VersionedSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "indicator", "measured_on", "value", "note", "version"]
        read_only_fields = ["id"]

    def validate_indicator(self, indicator):
        # Only an indicator the user may edit: another pact's is refused here, not silently moved.
        user = self.context["request"].user
        if not Indicator.objects.visible_to(user).filter(pk=indicator.pk).exists() or not can_edit(user, indicator):
            raise serializers.ValidationError("Unknown indicator.")
        if self.instance is not None and indicator.pk != self.instance.indicator_id:
            raise serializers.ValidationError("A measurement cannot move to another indicator.")
        return indicator


class IndicatorSerializer(VersionedSerializer):
    measurements = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    based_on = serializers.SerializerMethodField()
    stale = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()
    next_due = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "action",
            "kind",
            "name",
            "unit",
            "baseline",
            "target",
            "target_on",
            "direction",
            "rhythm",
            "weight",
            "target_group",
            "measurements",
            "progress",
            "based_on",
            "stale",
            "verdict",
            "next_due",
            "version",
        ]
        read_only_fields = ["id"]

    def _result(self, indicator):
        return indicator_progress(indicator)["result"]

    def get_progress(self, indicator) -> int | None:
        """Whole percentage from baseline to target (pacts.progress); null when not computed."""
        return self._result(indicator).percent

    def get_based_on(self, indicator) -> int:
        return int(self._result(indicator).progress is not None)

    def get_stale(self, indicator) -> bool:
        return self._result(indicator).stale

    def get_verdict(self, indicator) -> str:
        return self._result(indicator).verdict

    def get_next_due(self, indicator) -> str | None:
        due = self._result(indicator).next_due
        return due.isoformat() if due else None

    def get_measurements(self, indicator) -> list[dict]:
        return [{"measured_on": m.measured_on, "value": str(m.value)} for m in indicator.measurements.all()]

    def validate_action(self, action):
        user = self.context["request"].user
        if (
            action is None
            or not Action.objects.visible_to(user).filter(pk=action.pk).exists()
            or not can_edit(user, action)
        ):
            raise serializers.ValidationError("Unknown action.")
        if self.instance is not None and action.pk != self.instance.action_id:
            raise serializers.ValidationError("An indicator cannot move to another action.")
        return action

    def validate(self, data):
        if self.instance is None and not data.get("action"):
            raise serializers.ValidationError({"action": ["This field is required."]})
        return data


class ActionSerializer(VersionedSerializer):
    pact = serializers.SlugRelatedField(slug_field="slug", queryset=Pact.objects.all())
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Theme.objects.all(), required=False)
    lead = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    goal = serializers.PrimaryKeyRelatedField(queryset=Goal.objects.all(), required=False, allow_null=True)
    indicators = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "pact",
            "goal",
            "title",
            "description",
            "status",
            "starts_on",
            "ends_on",
            "lead",
            "themes",
            "is_public",
            "archived_at",
            "indicators",
            "version",
            "source",
        ]
        read_only_fields = ["id", "archived_at", "source"]

    def get_indicators(self, action) -> list[dict]:
        return [
            {
                "id": i.id,
                "kind": i.kind,
                "name": i.name,
                "unit": i.unit,
                "baseline": i.baseline,
                "target": i.target,
                "measurements": [{"measured_on": m.measured_on, "value": m.value} for m in i.measurements.all()],
            }
            for i in action.indicators.all()
        ]

    def validate_pact(self, pact):
        user = self.context["request"].user
        if self.instance is not None and pact.pk != self.instance.pact_id:
            raise serializers.ValidationError("An action cannot move to another pact.")
        if not Pact.objects.editable_by(user).filter(pk=pact.pk).exists():
            raise serializers.ValidationError("You cannot add actions to this pact.")
        return pact

    def validate(self, data):
        pact = data.get("pact") or (self.instance.pact if self.instance else None)
        goal = data.get("goal")
        if goal is not None and pact is not None and goal.ambition.pact_id != pact.pk:
            raise serializers.ValidationError({"goal": ["This goal belongs to another pact."]})
        lead = data.get("lead")
        if lead is not None and pact is not None and not pact.partner_organisations().filter(pk=lead.pk).exists():
            raise serializers.ValidationError({"lead": ["The lead must be a partner of the pact."]})
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_on": ["The end date cannot be before the start date."]})
        return data


def _prefetched_actions():
    return Action.objects.select_related("pact").prefetch_related("themes", "indicators__measurements").order_by("pk")


class ActionViewSet(viewsets.ModelViewSet):
    """Public actions of the action agendas. Coordinators create and update their own pact's actions with a token;
    updates must send the `version` they are based on (409 when stale). DELETE archives instead of deleting; it too
    sends the `version` (in the body or as `?version=`), and is recorded in the audit log."""

    serializer_class = ActionSerializer
    permission_classes = [EditPermission]
    filterset_fields = ["status", "pact__slug"]

    def get_queryset(self):
        if self.request.method in SAFE_METHODS:
            return _prefetched_actions().filter(is_public=True, archived_at__isnull=True)
        return _prefetched_actions().visible_to(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "version",
                int,
                required=False,
                description="The version the archiving is based on (or `version` in a JSON body); 409 when stale.",
            )
        ]
    )
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance):
        set_archived(item=instance, archived=True, expected_version=sent_version(self.request))


class IndicatorViewSet(viewsets.ModelViewSet):
    """Indicators of public actions; coordinators write their own."""

    serializer_class = IndicatorSerializer
    permission_classes = [EditPermission]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_queryset(self):
        base = Indicator.objects.prefetch_related("measurements").order_by("pk")
        if self.request.method in SAFE_METHODS:
            return base.filter(action__is_public=True, action__archived_at__isnull=True, archived_at__isnull=True)
        return base.visible_to(self.request.user)


class MeasurementViewSet(viewsets.ModelViewSet):
    """Measurements of public indicators; coordinators push their own (one per indicator and date)."""

    serializer_class = MeasurementSerializer
    permission_classes = [EditPermission]
    filterset_fields = ["indicator"]
    http_method_names = ["get", "post", "patch", "put", "delete", "head", "options"]

    def get_queryset(self):
        base = Measurement.objects.order_by("indicator", "measured_on")
        if self.request.method in SAFE_METHODS:
            return base.filter(indicator__action__is_public=True, indicator__action__archived_at__isnull=True)
        return base.visible_to(self.request.user)
