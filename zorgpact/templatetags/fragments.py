"""{% fragment "name" part … families="agenda pacts" data=callable keep=flag %}…{% endfragment %}: a rendered part of a page
kept in the fragment cache (zorgpact.core.pagecache.fragment), so a page that every reader sees alike is rendered once
per write instead of once per request (issue 21.3).

Exact, like the page cache: the key holds the generations of the families named (every family when none is), the
parts given (the object shown, the filter state), the active language and today's date (verdicts such as "out of
date" move with the day). `data`, when given, is a callable in the context whose dictionary is added to the context
for the block: it runs only on a miss, so a hit costs neither the block's queries nor its rendering. `keep`, when
given and false, renders the block without keeping it (an invalid filter value); given as a text, it names the
bounded pool the block is kept in (a list's free-text searches: endless keys, the first SEARCHES_KEPT of a generation
kept).

Only around what is the same for every reader who reaches the page: never around a CSRF token or anything that
depends on who is signed in (a block that renders a CSRF token is rendered but not stored).
"""

import hashlib

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from zorgpact.core.pagecache import FAMILIES, fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, families, data, keep):
        self.nodelist, self.name, self.parts, self.families, self.data = nodelist, name, parts, families, data
        self.keep = keep

    def render(self, context) -> str:
        name = self.name.resolve(context)
        parts = "|".join(str(part.resolve(context)) for part in self.parts)
        families = self._families(context)
        digest = hashlib.sha256(parts.encode()).hexdigest()[:32]
        key = f"html:{name}:{digest}:{get_language()}:{timezone.localdate().isoformat()}"
        rendered = {}

        def build() -> str:
            extra = self.data.resolve(context) if self.data is not None else None
            with context.push(**(extra or {})):
                html = rendered["html"] = str(self.nodelist.render(context))
            if "csrfmiddlewaretoken" in html:
                raise _PerRequest
            return html

        def build_unkept() -> str:
            try:
                return build()
            except _PerRequest:
                return rendered["html"]

        keep = True if self.keep is None else self.keep.resolve(context)
        if not keep:
            return mark_safe(build_unkept())
        pool = keep if isinstance(keep, str) else None
        try:
            return mark_safe(fragment(key, build, families=families, pool=pool))
        except _PerRequest:
            return mark_safe(rendered["html"])

    def _families(self, context) -> tuple[str, ...]:
        if self.families is None:
            return FAMILIES
        named = self.families.resolve(context)
        return tuple(named.split() if isinstance(named, str) else named)


class _PerRequest(Exception):
    """The block rendered something that belongs to this request alone: show it, keep nothing."""


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, parts, options = parser.compile_filter(bits[0]), [], {}
    for bit in bits[1:]:
        key, sep, value = bit.partition("=")
        if sep and key in ("families", "data", "keep"):
            options[key] = parser.compile_filter(value)
        else:
            parts.append(parser.compile_filter(bit))
    return FragmentNode(nodelist, name, parts, options.get("families"), options.get("data"), options.get("keep"))
