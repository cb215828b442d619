from django.db.models import Model
from django.utils.text import slugify


def unique_slug(model: type[Model], text: str, *, fallback: str, max_length: int = 150) -> str:
    """A slug for `text` not yet used by `model`: "name", then "name-2", "name-3", …"""
    base = slugify(text)[:max_length] or fallback
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
