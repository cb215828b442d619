import django_filters
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import NOT_KNOWN, UNKNOWN, Ministry

from .constants import Outcome, Topic
from .models import Case

# "Not known" is a facet value of its own (issue 17): a case whose outcome or ministries no source states.
OUTCOME_CHOICES = [*Outcome.choices, (UNKNOWN, NOT_KNOWN)]
MINISTRY_CHOICES = [*Ministry.choices, (UNKNOWN, NOT_KNOWN)]


class CaseFilterSet(django_filters.FilterSet):
    """One definition for the case library, its facet counts and the API."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=OUTCOME_CHOICES, method="filter_outcome")
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices)
    ministry = django_filters.ChoiceFilter(label=_("Ministry"), choices=MINISTRY_CHOICES, method="filter_ministry")
    theme = django_filters.CharFilter(label=_("Theme"), field_name="themes__slug")

    FACETS = ["outcome", "topic", "ministry", "theme"]

    class Meta:
        model = Case
        fields = ["q", "outcome", "topic", "ministry", "theme"]

    def filter_q(self, queryset, name, value):
        value = value.replace("\x00", "").strip()[:200]
        return queryset.matching(value) if value else queryset

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(outcome__isnull=True) if value == UNKNOWN else queryset.filter(outcome=value)

    def filter_ministry(self, queryset, name, value):
        return queryset.ministries_unknown() if value == UNKNOWN else queryset.for_ministry(value)

    def queryset_without(self, key: str):
        self.form.is_valid()  # cleans the data; invalid values are left out, as in self.qs
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name == key or value in (None, ""):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset
