import django_filters
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import NOT_KNOWN, SCHOOL_LEVELS, UNKNOWN, CareSector, Pillar

from .constants import NO, YES, KoploperSort
from .models import Koploper

SCHOOL_LEVEL_CHOICES = [(level.value, level.label) for level in SCHOOL_LEVELS]
YES_CHOICES = [(YES, _("Yes"))]
YES_NO_UNKNOWN_CHOICES = [(YES, _("Yes")), (NO, _("No")), (UNKNOWN, NOT_KNOWN)]


class KoploperFilterSet(django_filters.FilterSet):
    """One definition for the catalogue page, its CSV, its facet counts and the API.

    Theme, province and pact are matched on their slug or code: an unknown one simply matches nothing,
    and checking it costs no query.
    """

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    theme = django_filters.CharFilter(label=_("Theme"), field_name="themes__slug")
    province = django_filters.CharFilter(label=_("Province"), field_name="provinces__code")
    pillar = django_filters.ChoiceFilter(
        label=_("Partner from"), choices=[*Pillar.choices, (UNKNOWN, NOT_KNOWN)], method="filter_pillar"
    )
    level = django_filters.ChoiceFilter(label=_("School level"), choices=SCHOOL_LEVEL_CHOICES, method="filter_level")
    sector = django_filters.ChoiceFilter(label=_("Care sector"), choices=CareSector.choices, method="filter_sector")
    pact = django_filters.CharFilter(label=_("Regional pact"), field_name="pact__slug")
    adopted = django_filters.ChoiceFilter(label=_("Adopted elsewhere"), choices=YES_CHOICES, method="filter_adopted")
    sustained = django_filters.ChoiceFilter(
        label=_("Sustainability agreement"), choices=YES_NO_UNKNOWN_CHOICES, method="filter_sustained"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=KoploperSort.choices, method="filter_sort", empty_label=None
    )

    FACETS = ["theme", "province", "pillar", "level", "sector", "pact", "adopted", "sustained"]

    class Meta:
        model = Koploper
        fields = ["q", "theme", "province", "pillar", "level", "sector", "pact", "adopted", "sustained", "sort"]

    def filter_q(self, queryset, name, value):
        value = value.replace("\x00", "").strip()[:200]
        return queryset.filter(pk__among=self.matches(value)) if value else queryset

    def matches(self, text: str) -> list[int]:
        """The koplopers the free text matches, computed once per FilterSet (one query through the search index) and
        reused by the list, its count and every facet count."""
        if getattr(self, "_matches", (None,))[0] != text:
            ids = list(self.queryset.matching(text).order_by().values_list("pk", flat=True))
            self._matches = (text, ids)
        return self._matches[1]

    def filter_pillar(self, queryset, name, value):
        # A partner whose side no source states is its own value, "not known".
        return queryset.with_partner(pillar__isnull=True) if value == UNKNOWN else queryset.with_partner(pillar=value)

    def filter_level(self, queryset, name, value):
        return queryset.with_partner(education_level=value)

    def filter_sector(self, queryset, name, value):
        return queryset.with_partner(care_sector=value)

    def filter_adopted(self, queryset, name, value):
        return queryset.adopted()

    def filter_sustained(self, queryset, name, value):
        return {YES: queryset.sustained, NO: queryset.not_sustained, UNKNOWN: queryset.sustainability_unknown}[value]()

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*KoploperSort.ordering(value))

    def queryset_without(self, key: str):
        """The results with every active filter except `key`: what each value of that facet would give."""
        self.form.is_valid()  # cleans the data; invalid values are left out, as in self.qs
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name in (key, "sort") or value in (None, ""):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset
