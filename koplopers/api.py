from rest_framework import serializers, viewsets

from zorgpact.core.api_support import CitationsField, KeptListMixin, PublicReadOnly

from .filters import KoploperFilterSet
from .models import Koploper
from .selectors import catalogue_queryset


class KoploperSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    provinces = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    pact = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    partners = serializers.SerializerMethodField()
    result_figures = serializers.SerializerMethodField()
    adoptions = serializers.SerializerMethodField()
    adoption_count = serializers.IntegerField(read_only=True)
    citations = CitationsField()

    class Meta:
        model = Koploper
        fields = [
            "slug",
            "name",
            "summary",
            "description",
            "themes",
            "provinces",
            "pact",
            "started_year",
            "results_text",
            "transferable_how",
            "sustain_regular_offer",
            "sustain_regular_processes",
            "sustain_joint_agenda",
            "challenge_funding",
            "challenge_processes",
            "challenge_rules",
            "partners",
            "result_figures",
            "adoptions",
            "adoption_count",
            "website",
            "source",
            "citations",
        ]

    def get_partners(self, k) -> list[dict]:
        return [
            {"organisation": p.organisation.name, "pillar": p.organisation.pillar, "role": p.role}
            for p in k.partners.all()
        ]

    def get_result_figures(self, k) -> list[dict]:
        return [
            {"label": f.label, "value": str(f.value), "unit": f.unit, "year": f.year} for f in k.result_figures.all()
        ]

    def get_adoptions(self, k) -> list[dict]:
        return [{"adopter": a.adopter, "year": a.year} for a in k.adoptions.all()]


class KoploperViewSet(KeptListMixin, viewsets.ReadOnlyModelViewSet):
    """Published koplopers; filter with the same parameters as the catalogue page. The list's pages are kept until
    the next write to the koplopers, pacts or vocabulary (KeptListMixin)."""

    permission_classes = [PublicReadOnly]

    queryset = catalogue_queryset().prefetch_related(
        "partners__organisation", "result_figures", "adoptions__pact", "adoptions__organisation", "citations"
    )
    serializer_class = KoploperSerializer
    filterset_class = KoploperFilterSet
    lookup_field = "slug"
