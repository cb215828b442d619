from rest_framework import serializers, viewsets

from zorgpact.core.api_support import CitationsField, PublicReadOnly

from .filters import CaseFilterSet
from .models import Case, Scheme
from .selectors import library_queryset


class CaseSerializer(serializers.ModelSerializer):
    """The public version of a published case (title, question, situation, answer as `text`), written by the national
    team: never the reporter's own question or situation, nor who reported it."""

    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    question = serializers.CharField(source="public_question", help_text="The question as published.")
    context = serializers.CharField(source="public_context", help_text="The situation as published.")
    text = serializers.CharField(source="public_text", help_text="The answer as published.")
    ministries = serializers.SerializerMethodField()
    citations = CitationsField()

    class Meta:
        model = Case
        fields = [
            "slug",
            "title",
            "question",
            "context",
            "text",
            "outcome",
            "topic",
            "ministries",
            "themes",
            "published_at",
            "source",
            "citations",
        ]

    def get_ministries(self, case) -> list[str] | None:
        """The ministries concerned; null when no source states them."""
        return case.ministries


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Published cases of Ruimte in de regels; filter with the same parameters as the case library."""

    permission_classes = [PublicReadOnly]
    queryset = library_queryset()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    lookup_field = "slug"


class SchemeSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = [
            "slug",
            "name",
            "kind",
            "ministry",
            "summary",
            "eligibility",
            "budget_text",
            "starts_on",
            "ends_on",
            "url",
            "themes",
            "source",
        ]


class SchemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Subsidies, funds and regulations."""

    permission_classes = [PublicReadOnly]
    queryset = Scheme.objects.prefetch_related("themes").order_by("name")
    serializer_class = SchemeSerializer
    lookup_field = "slug"
    filterset_fields = ["kind", "ministry"]
