"""Statuses through constants and QuerySet verbs (issue 16, convention 5), never literals.

Code compares and filters a status with its TextChoices member (`CaseStatus.PUBLISHED`) or a verb
(`Case.objects.published()`, `case.is_published`); a template asks the model (`{% if report.is_pending %}`). The scan
reads the app packages (not migrations, which freeze values on purpose) and the templates.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("zorgpact", "pacts", "koplopers", "volgspot", "regels")
TEMPLATE_STATUS = re.compile(r"""\.status\s*(==|!=|in|not in)\s*["']""")


def _is_status(node: ast.AST) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return "status" in name


def _is_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, ast.Tuple | ast.List | ast.Set) and any(_is_text(e) for e in node.elts)


def _literal_statuses(source: str) -> list[int]:
    """Lines where a status is compared with, or filtered by, a string literal."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_status(s) for s in sides) and any(_is_text(s) for s in sides):
                lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg and "status" in node.arg and _is_text(node.value):
            lines.append(node.value.lineno)
    return lines


def test_the_scan_finds_a_literal_status():
    source = (
        'Case.objects.filter(status="published")\n'
        'if report.status != "done": pass\n'
        'Q(cases__status__in=["a"])\n'
        "Case.objects.filter(status=CaseStatus.PUBLISHED)\n"
        "if report.status == ReportStatus.DONE: pass\n"
    )
    assert sorted(_literal_statuses(source)) == [1, 2, 3]
    assert TEMPLATE_STATUS.search('{% if c.status == "published" %}')
    assert TEMPLATE_STATUS.search('{% if case.status in "answered published" %}')
    assert not TEMPLATE_STATUS.search("{% if c.is_published %}{{ c.get_status_display }}")


def test_python_code_uses_status_constants():
    offences = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = path.relative_to(ROOT).as_posix()
            offences += [f"{relative}:{line}" for line in sorted(_literal_statuses(path.read_text()))]
    assert not offences, "a literal status; use the constant or a QuerySet verb:\n" + "\n".join(offences)


def test_templates_ask_the_model_not_a_literal_status():
    offences = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if TEMPLATE_STATUS.search(line):
                offences.append(f"{path.relative_to(ROOT).as_posix()}:{number}")
    assert not offences, "a literal status in a template; use a model property:\n" + "\n".join(offences)
