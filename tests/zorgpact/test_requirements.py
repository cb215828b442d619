"""Runtime and development requirements apart, each locked with hashes (requirements/, `make lock`)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQ = ROOT / "requirements"
TEST_TOOLS = {
    "pytest",
    "pytest-django",
    "pytest-playwright",
    "playwright",
    "schemathesis",
    "factory-boy",
    "polib",
    "hypothesis",
    "uv",
}


def _name(spec: str) -> str:
    return re.split(r"[=<>;\[ ]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def _pins(path: Path) -> dict[str, str]:
    """name -> version of each `name==version` line (continuation and comment lines skipped)."""
    pins = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^ ;\\]+)", line)
        if match:
            pins[_name(match[1])] = match[2]
    return pins


def _blocks(path: Path) -> list[str]:
    """Each requirement of a lock file with its continuation lines."""
    return [b for b in re.split(r"\n(?=[A-Za-z0-9])", path.read_text()) if "==" in b.split("\n")[0]]


def test_every_locked_package_is_pinned_with_hashes():
    for lock in ("base.txt", "dev.txt"):
        blocks = _blocks(REQ / lock)
        assert len(blocks) > 40, lock
        unhashed = [b.split()[0] for b in blocks if "--hash=sha256:" not in b]
        assert unhashed == [], lock


def test_locks_hold_the_versions_of_the_in_files():
    for source, lock in (("base.in", "base.txt"), ("dev.in", "dev.txt")):
        wanted, locked = _pins(REQ / source), _pins(REQ / lock)
        assert {name: locked.get(name) for name in wanted} == wanted, lock


def test_runtime_requirements_have_no_test_tools_and_dev_builds_on_them():
    runtime = _pins(REQ / "base.txt")
    assert not TEST_TOOLS & runtime.keys(), TEST_TOOLS & runtime.keys()
    assert {"django", "gunicorn", "whitenoise", "celery", "django-celery-beat"} <= runtime.keys()
    dev_in = (REQ / "dev.in").read_text().splitlines()
    assert "-r base.in" in dev_in and "-c base.txt" in dev_in  # the same runtime versions in both locks
    dev = _pins(REQ / "dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_make_and_the_image_install_the_locks():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements/dev.txt" in makefile
    assert "--generate-hashes" in makefile and "--python-version 3.11" in makefile  # make lock
    assert "--require-hashes -r requirements/base.txt" in (ROOT / "Dockerfile").read_text()
