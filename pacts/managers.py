from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from zorgpact.core.search_text import SearchableQuerySet
from zorgpact.permissions import reads_everything


class PactQuerySet(SearchableQuerySet):
    pact_paths = ("pk",)  # a pact is its own (see InPactQuerySet)
    search_fields = ("name", "region", "ambition_text")

    def in_pact(self, pacts) -> "PactQuerySet":
        return self.filter(pk__in=pacts) if isinstance(pacts, models.QuerySet) else self.filter(pk=pacts.pk)

    def real(self) -> "PactQuerySet":
        """The pacts the programme's figures count: not the fictional Oefenregio, not generated (scale) data."""
        return self.filter(is_synthetic=False)

    def fictional(self) -> "PactQuerySet":
        """The fictional and generated pacts: shown, named apart, never counted in a real figure."""
        return self.filter(is_synthetic=True)

    def coordinated_by(self, user) -> "PactQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)

    def visible_to(self, user) -> "PactQuerySet":
        """Pacts whose workspace the user may open: all for the national team and ministries, else their own."""
        if reads_everything(user):
            return self
        return self.coordinated_by(user)

    def editable_by(self, user) -> "PactQuerySet":
        from zorgpact.permissions import is_national_team

        return self if is_national_team(user) else self.coordinated_by(user)


class InPactQuerySet(models.QuerySet):
    """Agenda objects belong to a pact, and are visible to whoever may see it.

    `pact_paths` is the one statement of how an object reaches its pact (an indicator through its action or its
    goal): the scoping here, `zorgpact.permissions.pact_of`, archive, history and measurements all read it.
    """

    pact_paths: tuple[str, ...] = ("pact",)

    def in_pact(self, pacts):
        """The objects of this pact (a Pact) or of these pacts (a Pact QuerySet)."""
        if isinstance(pacts, models.QuerySet):
            lookups = [{f"{path}__in": pacts} for path in self.pact_paths]
        elif len(self.pact_paths) > 1:
            # One pact, two ways to reach it (an indicator's action or goal): an OR over both joins made PostgreSQL
            # join every indicator before filtering (35 ms at scale 100); the union of the ids reached each way is
            # two index lookups (0.6 ms), the same rows.
            manager = self.model._base_manager
            ids = [manager.filter(**{path: pacts.pk}).order_by().values("pk") for path in self.pact_paths]
            return self.filter(pk__in=ids[0].union(*ids[1:]))
        else:
            lookups = [{path: pacts.pk} for path in self.pact_paths]
        condition = Q(**lookups[0])
        for lookup in lookups[1:]:
            condition |= Q(**lookup)
        return self.filter(condition)

    def visible_to(self, user):
        from .models import Pact

        return self.in_pact(Pact.objects.visible_to(user))


class ActionQuerySet(InPactQuerySet, SearchableQuerySet):
    search_fields = ("title", "description")

    def public(self) -> "ActionQuerySet":
        return self.filter(is_public=True, archived_at__isnull=True)

    def active(self) -> "ActionQuerySet":
        return self.filter(archived_at__isnull=True)


class AmbitionQuerySet(InPactQuerySet, SearchableQuerySet):
    search_fields = ("title",)

    def public(self) -> "AmbitionQuerySet":
        """What the pact page shows: the ambitions not archived."""
        return self.filter(archived_at__isnull=True)


class GoalQuerySet(InPactQuerySet, SearchableQuerySet):
    pact_paths = ("ambition__pact",)
    search_fields = ("title", "intended_effect")

    def public(self) -> "GoalQuerySet":
        """What the pact page shows: the goals not archived, under an ambition not archived."""
        return self.filter(archived_at__isnull=True, ambition__archived_at__isnull=True)

    def with_unmeasured_effects(self) -> "GoalQuerySet":
        """The goals with an effect that is not measured, each annotated `unmeasured_<group>` per TargetGroup (True:
        the goal names the group and no active effect indicator of the goal measures it). pacts.progress's
        unmeasured_groups as one grouped query, for lists over many goals (the national dashboard; a page that has
        the goals' indicators prefetched asks pacts.selectors.unmeasured_effects): a goal whose target groups are not
        known (null) names none, and an effect indicator that names no group measures every group the goal names."""
        from .constants import IndicatorKind, TargetGroup

        effect = Q(indicators__kind=IndicatorKind.EFFECT, indicators__archived_at__isnull=True)
        measured = {"measures_all": Count("indicators", filter=effect & Q(indicators__target_group=""))}
        measured |= {
            f"measures_{group}": Count("indicators", filter=effect & Q(indicators__target_group=group))
            for group in TargetGroup.values
        }
        unmeasured = {}
        for group in TargetGroup.values:
            # target_groups is a JSON list holding each group at most once: the group is at one of its positions.
            named = Q()
            for position in range(len(TargetGroup.values)):
                named |= Q(**{f"target_groups__{position}": group})
            unmeasured[f"unmeasured_{group}"] = Case(
                When(named & Q(measures_all=0, **{f"measures_{group}": 0}), then=Value(True)), default=Value(False)
            )
        any_unmeasured = Q()
        for name in unmeasured:
            any_unmeasured |= Q(**{name: True})
        return self.annotate(**measured).annotate(**unmeasured).filter(any_unmeasured)


class IndicatorQuerySet(InPactQuerySet):
    # A result indicator measures an action, an effect indicator a goal.
    pact_paths = ("action__pact", "goal__ambition__pact")

    def active(self) -> "IndicatorQuerySet":
        return self.filter(archived_at__isnull=True)

    def on_agenda(self) -> "IndicatorQuerySet":
        """The indicators a pact's workspace lists (and so may ask a measurement of): active, of an active action, or
        of an active goal under an active ambition. Public or not: the coordinator measures both."""
        return self.filter(archived_at__isnull=True).filter(
            Q(action__isnull=False, action__archived_at__isnull=True)
            | Q(goal__isnull=False, goal__archived_at__isnull=True, goal__ambition__archived_at__isnull=True)
        )

    def in_results(self) -> "IndicatorQuerySet":
        """The indicators the roll-up counts (pacts.progress): active, of an active goal (effect) or of an active
        public action, under an active goal and ambition when it has a goal. Only what the public page shows, so
        every published figure can be checked there."""
        live_goal = Q(goal__archived_at__isnull=True, goal__ambition__archived_at__isnull=True)
        live_action = Q(action__is_public=True, action__archived_at__isnull=True) & (
            Q(action__goal__isnull=True)
            | Q(action__goal__archived_at__isnull=True, action__goal__ambition__archived_at__isnull=True)
        )
        return self.filter(archived_at__isnull=True).filter(
            (Q(goal__isnull=False) & live_goal) | (Q(action__isnull=False) & live_action)
        )

    def with_progress(self, *, as_of=None) -> "IndicatorQuerySet":
        """in_results() with what pacts.progress reads, in one query: first and latest measurement (up to `as_of`,
        when given) by an index lookup each, and the indicator's place in its pact's results tree."""
        measurement = self.model._meta.get_field("measurements").related_model
        measurements = measurement.objects.filter(indicator=OuterRef("pk"))
        if as_of is not None:
            measurements = measurements.filter(measured_on__lte=as_of)
        latest = measurements.order_by("-measured_on")
        return self.in_results().annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_on=Subquery(latest.values("measured_on")[:1]),
            first_on=Subquery(measurements.order_by("measured_on").values("measured_on")[:1]),
            pact_ref=Coalesce("action__pact_id", "goal__ambition__pact_id"),
            ambition_ref=Coalesce("action__goal__ambition_id", "goal__ambition_id"),
            goal_ref=Coalesce("action__goal_id", "goal_id"),
        )


class MeasurementQuerySet(InPactQuerySet):
    pact_paths = ("indicator__action__pact", "indicator__goal__ambition__pact")
