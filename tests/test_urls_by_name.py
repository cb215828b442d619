"""URLs by name (issue 16, convention 4): no hard-coded internal path outside the urls modules and tests.

Python code builds an address with `reverse()`, `redirect("name", ...)` or a model's `get_absolute_url()`, a template
with `{% url %}`; only the `urls.py` modules say what an address looks like. The scan reads the app packages and the
templates: a Python string that starts with "/" and one of the portal's top-level path segments (taken from the root
URLconf, so a new section is covered by itself), and in a template any `href`, `action`, `hx-get`/`hx-post` or
`clear_url` that holds a literal path (absolute like "/koplopers/" or relative like "ambities/nieuw/").
"""

import ast
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver

from zorgpact import urls as root_urls

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("zorgpact", "pacts", "koplopers", "volgspot", "regels")

# Literals that are not links to a route, each with its reason. (file, literal) pairs.
ALLOWED = {
    # Prefix rules matched against request.path for whole sections (cache policy, JSON errors, the second factor
    # for API clients), not addresses of one route; they are read at import time, before the URLconf can be loaded.
    ("zorgpact/core/pagecache.py", "/werkruimte/"),
    ("zorgpact/core/pagecache.py", "/account/"),
    ("zorgpact/core/pagecache.py", "/volgspot/"),
    ("zorgpact/core/pagecache.py", "/admin/"),
    ("zorgpact/core/pagecache.py", "/ruimte-in-de-regels/status/"),
    ("zorgpact/core/pagecache.py", "/api/v1/volgspot/"),
    ("zorgpact/core/pagecache.py", "/healthz"),
    ("zorgpact/core/pagecache.py", "/i18n/"),
    ("zorgpact/core/pagecache.py", "/koplopers/aanmelden/"),
    ("zorgpact/core/pagecache.py", "/ruimte-in-de-regels/melden/"),
    ("zorgpact/core/pagecache.py", "/api/docs/"),
    ("zorgpact/core/pagecache.py", "/api/schema/"),
    ("zorgpact/core/pagecache.py", "/zoeken/"),
    ("zorgpact/core/pagecache.py", "/api/"),
    # PAGE_FAMILIES: which model families a section of pages shows (invalidation by what changed), by prefix as well.
    *(
        ("zorgpact/core/pagecache.py", prefix)
        for prefix in (
            "/koplopers/",
            "/ruimte-in-de-regels/",
            "/regelingen/",
            "/regionale-zorgpacten/",
            "/api/v1/koplopers/",
            "/api/v1/cases/",
            "/api/v1/schemes/",
            "/api/v1/pacts/",
            "/api/v1/actions/",
            "/api/v1/indicators/",
            "/api/v1/measurements/",
        )
    ),
    ("zorgpact/core/errors.py", "/api/"),
    ("zorgpact/twofactor.py", "/api/"),
}

# Template literals that are not links by name, each with its reason: (file, the start of the finding).
TEMPLATE_ALLOWED = {
    # The error pages stand alone on purpose: they must render when the URLconf or the database is what failed, so
    # their only link is the site root itself.
    ("templates/includes/standalone_page.html", 'href="/"'),
    # The speed ceiling's synthetic rows (settings.BENCH_CEILING only): markup of a typical size, not real links.
    ("templates/bench/ceiling.html", 'href="/koplopers/{{ row }}/"'),
}


def _top_level_segments() -> set[str]:
    segments = set()
    for entry in root_urls.urlpatterns:
        if isinstance(entry, URLPattern | URLResolver):
            first = str(entry.pattern).lstrip("^").split("/")[0]
            if first:
                segments.add(re.escape(first))
    return segments


SEGMENTS = "|".join(sorted(_top_level_segments(), key=len, reverse=True))
PY_PATH = re.compile(rf"^/({SEGMENTS})(/|\?|$)")
# In templates: a literal path in a link, a form target, an htmx request or the facets' clear link. A value that
# starts with a template tag or variable ({% url %}, {{ x.get_absolute_url }}), a query ("?") or a fragment ("#") is
# fine, and so are external addresses.
TEMPLATE_PATH = re.compile(
    r"""\b(href|action|formaction|hx-get|hx-post|clear_url|back_url)=["'](?!\{|\?|#|https?:|mailto:|tel:|["'])"""
)
TEMPLATE_SEGMENT = re.compile(rf"""["'](/({SEGMENTS})(/|\?|["']))""")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            ids.add(id(node.value))
    return ids


def _python_paths(source: str, filename: str = "<test>") -> list[tuple[int, str]]:
    """(line, text) of every string literal (not a docstring) that starts with a portal path; an f-string by its
    literal head."""
    tree = ast.parse(source, filename=filename)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
            first = node.values[0] if node.values else None
            text = first.value if isinstance(first, ast.Constant) else ""
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
        else:
            continue
        if PY_PATH.match(text):
            found.append((node.lineno, text))
    return found


def _python_offences() -> list[str]:
    offences = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if (
                "migrations" in path.parts
                or path.name == "urls.py"
                or path.name.endswith("_urls.py")
                or path.name == "settings.py"
            ):
                continue
            for line, text in _python_paths(path.read_text(), relative):
                if (relative, text) not in ALLOWED:
                    offences.append(f"{relative}:{line}: {text!r}")
    return offences


def _template_line_paths(line: str) -> list[str]:
    found = [line[m.start() : m.end() + 30] for m in TEMPLATE_PATH.finditer(line)]
    for match in TEMPLATE_SEGMENT.finditer(line):
        if not TEMPLATE_PATH.search(line[max(0, match.start() - 12) : match.end()]):
            found.append(match.group(1))
    return found


def _template_offences() -> list[str]:
    offences = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        relative = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for found in _template_line_paths(line):
                if not any(relative == file and found.startswith(text) for file, text in TEMPLATE_ALLOWED):
                    offences.append(f"{relative}:{number}: {found}")
    return offences


def test_the_scan_knows_the_portal_sections():
    """The segments come from the root URLconf; the scan would be vacuous without them."""
    for section in ("regionale-zorgpacten", "koplopers", "werkruimte", "volgspot", "ruimte-in-de-regels", "themas"):
        assert PY_PATH.match(f"/{section}/"), section
    assert not PY_PATH.match("/static/css/zorgpact.css")
    assert not PY_PATH.match("/media/upload.xlsx")


def test_the_scan_finds_a_hard_coded_path():
    """The patterns are not vacuous: the shapes that were in the code before issue 16 are caught."""
    source = '"""/koplopers/: a docstring."""\nredirect(f"/werkruimte/pacten/{slug}/")\nBACK = ("/koplopers/", "K")\n'
    assert _python_paths(source) == [(2, "/werkruimte/pacten/"), (3, "/koplopers/")]
    for line in (
        '<a href="/koplopers/">',
        '<form action="/zoeken/">',
        '<a href="ambities/nieuw/">',
        '{% include "x.html" with clear_url="/koplopers/" %}',
        '<div hx-get="/volgspot/rapporten/{{ r.pk }}/">',
    ):
        assert _template_line_paths(line), line
    for line in ("<a href=\"{% url 'home' %}\">", '<a href="?page=2">', '<a href="https://example.org/">'):
        assert not _template_line_paths(line), line


def test_python_code_builds_addresses_by_name():
    offences = _python_offences()
    assert not offences, "hard-coded paths; use reverse()/redirect('name')/get_absolute_url():\n" + "\n".join(offences)


def test_templates_build_addresses_with_the_url_tag():
    offences = _template_offences()
    assert not offences, "hard-coded paths; use {% url %} or get_absolute_url:\n" + "\n".join(offences)


def test_every_allowed_literal_is_still_there():
    """The allow-lists stay short and true: an entry whose literal has gone is taken out."""
    for relative, text in ALLOWED:
        assert text in [t for _line, t in _python_paths((ROOT / relative).read_text(), relative)], (relative, text)
    for relative, text in TEMPLATE_ALLOWED:
        lines = (ROOT / relative).read_text().splitlines()
        assert any(found.startswith(text) for line in lines for found in _template_line_paths(line)), (relative, text)
