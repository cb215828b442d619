"""Every write that sends no model signal (`QuerySet.update()`, `bulk_create`, `bulk_update`) either starts a new
page-cache generation itself (zorgpact.core.pagecache.bump_after_commit) or is listed here with the reason it need not.

Signals cover saves, deletes and many-to-many changes (zorgpact.core.pagecache.connect); these calls bypass them, so a
cached page would keep showing the old data for up to ten minutes.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["zorgpact", "pacts", "koplopers", "volgspot", "regels"]
BULK = {"bulk_create", "bulk_update"}
QUERYSET_CALLS = {"filter", "exclude", "all", "active", "select_for_update", "visible_to", "published", "none"}
# (file, function): why no bump is needed there.
NEEDS_NO_BUMP = {
    ("zorgpact/tokens.py", "revoke_token"): "API tokens are on no page anyone else sees",
    ("zorgpact/tokens.py", "authenticate"): "a token's last use is on no page anyone else sees",
    ("volgspot/tasks.py", "_fail"): "progress reports are on no cached page and in no fragment",
    ("volgspot/tasks.py", "fail_stuck_reports"): "progress reports are on no cached page and in no fragment",
    ("zorgpact/demo/scale.py", "_m2m"): "called only by generate_scale_data, which bumps",
    ("pacts/spreadsheet.py", "run_import"): "marks the import record failed: imports are on no cached page",
    ("pacts/tasks.py", "apply_agenda_import"): "the import record's status; the agenda rows it writes are saves",
    ("pacts/tasks.py", "requeue_waiting_imports"): "the import record's queue stamp, on no cached page",
    ("pacts/spreadsheet.py", "check_upload"): "the import record's check (plan or errors), on no cached page",
    ("pacts/tasks.py", "check_agenda_import"): "marks the import record failed: imports are on no cached page",
    ("zorgpact/twofactor.py", "_replace_recovery_codes"): "recovery codes are on no page anyone else sees",
}


def _is_queryset_write(node: ast.Call) -> bool:
    if not isinstance(node.func, ast.Attribute):
        return False
    if node.func.attr in BULK:
        return True
    if node.func.attr != "update":
        return False
    receiver = node.func.value
    while isinstance(receiver, (ast.Call, ast.Attribute)):
        if isinstance(receiver, ast.Attribute) and receiver.attr in {"objects", "history"}:
            return True
        if (
            isinstance(receiver, ast.Call)
            and isinstance(receiver.func, ast.Attribute)
            and receiver.func.attr in QUERYSET_CALLS
        ):
            return True
        receiver = receiver.func if isinstance(receiver, ast.Call) else receiver.value
    return False


def _unbumped_writes() -> list[tuple[str, str, int]]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for function in ast.walk(tree):
                if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                calls = [n for n in ast.walk(function) if isinstance(n, ast.Call)]
                bumps = any(
                    isinstance(c.func, ast.Name | ast.Attribute)
                    and getattr(c.func, "id", getattr(c.func, "attr", "")) == "bump_after_commit"
                    for c in calls
                )
                for call in calls:
                    name = (str(path.relative_to(ROOT)), function.name)
                    if _is_queryset_write(call) and not bumps and name not in NEEDS_NO_BUMP:
                        found.append((*name, call.lineno))
    return found


def test_every_write_without_signals_bumps_the_page_cache_or_says_why_not():
    assert _unbumped_writes() == []


def test_the_check_sees_such_a_write():
    source = (
        "def f():\n    Pact.objects.filter(pk=1).update(name='x')\n    Pact.objects.bulk_create([])\n    d.update({})\n"
    )
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
    assert sum(_is_queryset_write(c) for c in calls) == 2
