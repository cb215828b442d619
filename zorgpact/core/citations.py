"""Citations: the source of each stated fact of a record (document, place in it, evidence terms).

One home for reading and writing them: public pages show them as numbered source notes, the API as a list, and the
demo loader writes them through cite()."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model

from zorgpact.models import Citation


def citations_for(record: Model) -> list[Citation]:
    """The record's citations in note order (uses a prefetched `citations` relation when the model has one)."""
    if record is None or record.pk is None:
        return []
    prefetched = getattr(record, "_prefetched_objects_cache", {}).get("citations")
    if prefetched is not None:
        return sorted(prefetched, key=lambda c: (c.order, c.pk))
    return list(
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk).order_by(
            "order", "pk"
        )
    )


def citation_data(citation: Citation) -> dict:
    """A citation as open data (API)."""
    return {
        "fact": citation.fact or None,
        "document": citation.document,
        "locator": citation.locator,
        "evidence_terms": list(citation.evidence_terms),
    }


@transaction.atomic
def cite(
    record: Model, *, document: str, locator: str = "", terms: list[str], fact: str = "", order: int = 0
) -> Citation:
    """Attach a citation to a record; writes nothing when the same citation is already there (the loader reruns)."""
    content_type = ContentType.objects.get_for_model(record)
    lookup = {
        "content_type": content_type,
        "object_id": record.pk,
        "fact": fact,
        "document": document,
        "locator": locator,
    }
    existing = Citation.objects.filter(**lookup).first()
    if existing is None:
        return Citation.objects.create(**lookup, evidence_terms=list(terms), order=order)
    if existing.evidence_terms != list(terms) or existing.order != order:
        existing.evidence_terms, existing.order = list(terms), order
        existing.save(update_fields=["evidence_terms", "order"])
    return existing


@transaction.atomic
def keep_only(record: Model, keep: list[Citation]) -> None:
    """Remove the record's citations that the loader no longer states."""
    Citation.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk).exclude(
        pk__in=[c.pk for c in keep]
    ).delete()
