"""API endpoints of the shared vocabulary: themes and organisations."""

from rest_framework import serializers, viewsets

from zorgpact.core.api_support import CitationsField, PublicReadOnly, blank_as_null
from zorgpact.models import Organisation, Theme


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "intro", "introduced_on", "source"]


class OrganisationSerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    citations = CitationsField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "pillar",
            "care_sector",
            "education_level",
            "government_level",
            "municipality",
            "province",
            "source",
            "citations",
        ]

    def to_representation(self, instance):
        return blank_as_null(
            super().to_representation(instance), ["care_sector", "education_level", "government_level", "municipality"]
        )


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The five themes of the Zorgpact."""

    permission_classes = [PublicReadOnly]

    queryset = Theme.objects.order_by("name")
    serializer_class = ThemeSerializer
    lookup_field = "slug"
    filter_backends = []


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in the regional pacts and koplopers."""

    permission_classes = [PublicReadOnly]

    serializer_class = OrganisationSerializer

    def organisations(self):
        """Which organisations are listed: the project level (zorgpact/site/api.py) narrows this to the ones the portal
        counts, since only it knows the Kopgroep applications."""
        return Organisation.objects.all()

    def get_queryset(self):
        return self.organisations().select_related("province").prefetch_related("citations").order_by("name")

    filterset_fields = ["pillar", "education_level", "care_sector", "government_level"]
    ordering_fields = ["name"]
