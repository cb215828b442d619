import django_filters
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import Ministry

from .constants import Outcome, Topic
from .models import Case


class CaseFilterSet(django_filters.FilterSet):
    """One definition for the case library, its facet counts and the API."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices)
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices)
    ministry = django_filters.ChoiceFilter(label=_("Ministry"), choices=Ministry.choices, method="filter_ministry")
    theme = django_filters.CharFilter(label=_("Theme"), field_name="themes__slug")

    FACETS = ["outcome", "topic", "ministry", "theme"]

    class Meta:
        model = Case
        fields = ["q", "outcome", "topic", "ministry", "theme"]

    def filter_q(self, queryset, name, value):
        value = value.replace("\x00", "").strip()[:200]
        return queryset.matching(value) if value else queryset

    def filter_ministry(self, queryset, name, value):
        return queryset.for_ministry(value)

    def queryset_without(self, key: str):
        self.form.is_valid()  # cleans the data; invalid values are left out, as in self.qs
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name == key or value in (None, ""):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset
