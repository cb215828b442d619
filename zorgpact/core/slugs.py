from django.db.models import Model, QuerySet
from django.utils.text import slugify


def unique_slug(
    model: type[Model], text: str, *, fallback: str, max_length: int = 150, reserved: QuerySet | None = None
) -> str:
    """A slug for `text` not yet used by `model`: "name", then "name-2", "name-3", …

    `reserved`: further rows whose `slug` is taken too (e.g. former addresses that still redirect)."""
    base = slugify(text)[:max_length] or fallback
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists() or (
        reserved is not None and reserved.filter(slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug
