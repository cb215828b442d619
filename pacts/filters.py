import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgpact.models import Phase, Province, Theme

from .constants import PactFunction
from .models import Pact

FUNCTION_FIELDS = {
    PactFunction.PROJECTTREKKER: "is_projecttrekker",
    PactFunction.PLATFORM: "is_platform",
    PactFunction.PODIUM: "is_podium",
}


class PactFilterSet(django_filters.FilterSet):
    """One definition for the pact list page, its CSV and the API."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    province = django_filters.ModelChoiceFilter(
        label=_("Province"), field_name="provinces", queryset=Province.objects.all(), to_field_name="code"
    )
    phase = django_filters.ModelChoiceFilter(label=_("Phase"), queryset=Phase.objects.all(), to_field_name="order")
    function = django_filters.ChoiceFilter(label=_("Function"), choices=PactFunction.choices, method="filter_function")
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), to_field_name="slug"
    )

    class Meta:
        model = Pact
        fields = ["q", "province", "phase", "function", "theme"]

    def filter_q(self, queryset, name, value):
        value = value.strip()[:200]
        return queryset.filter(Q(name__icontains=value) | Q(region__icontains=value)) if value else queryset

    def filter_function(self, queryset, name, value):
        return queryset.filter(**{FUNCTION_FIELDS[value]: True})
