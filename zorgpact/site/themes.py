"""/themas/: the five themes and everything tagged with them. Project-level: it composes the apps."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koplopers.models import Koploper
from pacts.models import Action, Pact
from regels.models import Case
from zorgpact.core.pagecache import fragment
from zorgpact.models import Theme

SHOWN_PER_SECTION = 12


def _count(queryset, theme_path: str = "themes"):
    """A correlated count per theme, so the counts never multiply each other through joins."""
    return Coalesce(
        Subquery(
            queryset.filter(**{theme_path: OuterRef("pk")})
            .order_by()
            .values(theme_path)
            .annotate(n=Count("pk", distinct=True))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def themes_with_all_counts():
    return Theme.objects.annotate(
        # Real records only: the fictional pact and scale data are never counted as the programme's.
        koploper_count=_count(Koploper.objects.published().filter(is_synthetic=False)),
        pact_count=_count(Pact.objects.real()),
        action_count=_count(Action.objects.public().filter(pact__is_synthetic=False)),
        case_count=_count(Case.objects.published()),
    ).order_by("introduced_on", "name")


def theme_sections(theme: Theme) -> list[dict]:
    sections = [
        (
            "koplopers",
            _("Koplopers"),
            Koploper.objects.published().filter(themes=theme).order_by("name"),
            f"{reverse('koplopers:list')}?theme={theme.slug}",
        ),
        (
            "pacts",
            _("Regional pacts"),
            Pact.objects.filter(themes=theme).order_by("name"),
            f"{reverse('pacts:list')}?theme={theme.slug}",
        ),
        (
            "actions",
            _("Actions"),
            Action.objects.public().filter(themes=theme).select_related("pact").order_by("title"),
            None,
        ),
        (
            "cases",
            _("Room in the rules"),
            Case.objects.published().filter(themes=theme).order_by("title"),
            f"{reverse('regels:list')}?theme={theme.slug}",
        ),
    ]
    return [
        {"key": key, "label": label, "count": qs.count(), "items": list(qs[:SHOWN_PER_SECTION]), "more_url": url}
        for key, label, qs, url in sections
    ]


def cached_theme_sections(theme: Theme) -> list[dict]:
    """Eight of the page's ten queries (counts and first items over every koploper, pact, action and case): kept
    until the next write per theme and language, also for signed-in visitors whose pages are never cached whole."""
    return fragment(f"theme:{theme.pk}:{get_language()}", lambda: theme_sections(theme))


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "zorgpact/theme_list.html", {"themes": themes_with_all_counts(), "breadcrumbs": [(None, _("Themes"))]}
    )


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    return render(
        request,
        "zorgpact/theme_detail.html",
        {
            "theme": theme,
            "sections": cached_theme_sections(theme),
            "breadcrumbs": [(reverse("themes"), _("Themes")), (None, theme.name)],
        },
    )
