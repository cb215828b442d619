"""Real-browser tests: Playwright for Python driving Debian's Chromium (no browser download)."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium keeps dialling out and the closed network refuses it.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) and AXE.exists():
        return
    reason = f"needs Chromium at {CHROMIUM} and axe-core in node_modules (make install; apt-get install chromium)"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        raise pytest.UsageError("REQUIRE_SERVICES=1 but " + reason)
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as a script; the page's own Content-Security-Policy must not block the checker.
    return {**browser_context_args, "bypass_csp": True, "locale": "nl-NL"}


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations", WCAG_TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in violations
    ]


def sideways_overflow(page) -> list[str]:
    """What sticks out past the right edge of the window (WCAG 1.4.10 reflow: no sideways scrolling at 320 px);
    wide tables may scroll inside their own focusable box, and visually hidden text does not count."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.closest('.utrecht-table-container, .rhc-visually-hidden, .hp-field, .nl-skip-link'))
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .map(e => e.tagName.toLowerCase() + ' "' + (e.innerText || '').slice(0, 40) + '" ' + Math.round(e.getBoundingClientRect().right))"""
    ) + (
        []
        if page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        else ["the page scrolls sideways"]
    )
