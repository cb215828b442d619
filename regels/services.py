"""Writes for Ruimte in de regels."""

from django.db import transaction
from django.utils.text import slugify

from .constants import CaseStatus
from .models import Case


def _unique_slug(title: str) -> str:
    base = slugify(title)[:150] or "casus"
    slug, n = base, 1
    while Case.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def report_obstacle(*, question: str, context: str, organisation: str, name: str, email: str) -> Case:
    """Store a reported obstacle (not public) and queue the confirmation with the private status link."""
    title = " ".join(question.split())[:120]
    case = Case.objects.create(
        title=title, slug=_unique_slug(title), question=question, context=context, status=CaseStatus.SUBMITTED,
        reporter_name=name, reporter_email=email, reporter_organisation=organisation,
        source="Melding via het portaal",
    )
    from .tasks import send_report_confirmation

    transaction.on_commit(lambda: send_report_confirmation.delay(case.pk))
    return case
