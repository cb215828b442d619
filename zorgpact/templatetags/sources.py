"""{% source_notes record %}: a record's citations as numbered source notes (zorgpact.core.citations)."""

from django import template

from zorgpact.core.citations import citations_for

register = template.Library()


@register.inclusion_tag("includes/source_notes.html")
def source_notes(*records):
    """Notes for one record or several (a pact and its actions), numbered in order; each citation once."""
    flat = []
    for record in records:
        flat.extend(record if isinstance(record, (list, tuple)) else [record])
    citations, seen = [], set()
    for record in flat:
        for citation in citations_for(record):
            key = (citation.document, citation.locator, tuple(citation.evidence_terms))
            if key not in seen:
                seen.add(key)
                citations.append(citation)
    return {"citations": citations}
