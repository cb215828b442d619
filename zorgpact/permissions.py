"""Who may do what — the one module that pages, API and templates all ask.

Roles: the national team does everything; ministry staff read every pact's workspace and dashboards but never
write agendas; a coordinator reads and writes only the pacts and koplopers they coordinate; anyone else reads
the public pages only.

Access is scoped in the query (each model's QuerySet has `visible_to(user)`, built on the predicates here), so
someone else's object is a 404; a role that may see an object but not change it gets a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404


def is_national_team(user) -> bool:
    return bool(user.is_authenticated and (user.is_national_team or user.is_superuser))


def is_ministry_staff(user) -> bool:
    return bool(user.is_authenticated and user.ministry)


def needs_second_factor(user) -> bool:
    """Who must sign in with a second factor: whoever reads every pact (national team, ministry staff) and admin users."""
    return bool(
        user.is_authenticated and (user.is_national_team or user.ministry or user.is_superuser or user.is_staff)
    )


def reads_everything(user) -> bool:
    """National team and ministry staff see every pact's workspace, dashboards and reports."""
    return is_national_team(user) or is_ministry_staff(user)


def pact_of(obj: Model):
    """The pact an agenda object belongs to (a pact is its own).

    It follows the paths the object's QuerySet declares (`pact_paths`, see pacts.managers.InPactQuerySet), the same
    ones the queries use to scope objects to a pact, so both always agree.
    """
    if obj._meta.model_name == "pact":
        return obj
    paths = getattr(type(obj)._default_manager._queryset_class, "pact_paths", ("pact",))
    for path in paths:
        current = obj
        for attribute in path.split("__"):
            current = getattr(current, attribute, None)
            if current is None:
                break
        if current is not None:
            return current
    return None


def coordinates(user, obj: Model) -> bool:
    """Is the user a coordinator of this pact or koploper (or of the pact this object belongs to)?"""
    if not user.is_authenticated:
        return False
    if obj._meta.model_name == "koploper":
        return obj.coordinators.filter(pk=user.pk).exists()
    pact = pact_of(obj)
    return pact is not None and pact.coordinators.filter(pk=user.pk).exists()


def can_edit(user, obj: Model) -> bool:
    return is_national_team(user) or coordinates(user, obj)


def require_edit(user, obj: Model) -> None:
    """A 403 unless the user may change this object they may already see (a read-only role writing)."""
    if not can_edit(user, obj):
        raise PermissionDenied


def get_for_user(queryset: QuerySet, user, *, write: bool = False, **lookup) -> Model:
    """The object if the user may see it (else 404); with write=True also if they may change it (else 403)."""
    obj = get_object_or_404(queryset.visible_to(user), **lookup)
    if write:
        require_edit(user, obj)
    return obj


# --- Named rules: who may open a role's pages. Views ask these through `require`, never a role flag themselves. ---


def reviews_applications(user) -> bool:
    """Kopgroep applications (the queue, each application, the decision) are the national team's."""
    return is_national_team(user)


def works_on_cases(user) -> bool:
    """The Ruimte in de regels case queue: the national team, and ministry staff (the cases of their ministry)."""
    return is_national_team(user) or is_ministry_staff(user)


def manages_portal(user) -> bool:
    """The team screens (invitations, organisation merges, the security log, AVG exports and erasures): the national
    team."""
    return is_national_team(user)


def reads_dashboards(user) -> bool:
    """The national Volgspot dashboard, its CSV and the national report: ministry staff and the national team."""
    return reads_everything(user)


def require(allowed: bool) -> None:
    """A 403 (the house 403 page) when a named rule says no. For a role's pages; an object someone may not see is
    get_for_user's 404, and one they may see but not change is its 403 with write=True."""
    if not allowed:
        raise PermissionDenied


def answers_ministry(user) -> str | None:
    """The ministry whose cases this user answers (ministry staff), else None."""
    return user.ministry if is_ministry_staff(user) else None


def can_answer_case(user, case) -> bool:
    """Ministry staff answer the cases assigned to their own ministry; the national team answers any."""
    return is_national_team(user) or (is_ministry_staff(user) and case.assigned_ministry == answers_ministry(user))
