"""The house rules that a tool can check (docs/architecture.md): the import contract and ruff.

The import contract is pyproject.toml's [tool.importlinter]: site > regels > volgspot > koplopers > pacts >
(core, vocabulary), no cycles inside the kit or the site, and no runtime code reading the demo data.
"""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_the_import_contract_is_kept():
    result = _run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_import_contract_refuses_a_kit_module_that_imports_an_app(tmp_path):
    """The contract is not vacuous: the same tree with one forbidden import (the audit kit reaching into pacts, the
    cycle issue 16 removed) fails."""
    tree = tmp_path / "tree"
    for name in ("zorgpact", "pacts", "koplopers", "volgspot", "regels"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    audit = tree / "zorgpact" / "core" / "audit.py"
    audit.write_text(
        audit.read_text()
        + textwrap.dedent("""
        def _forbidden():
            from pacts.models import Pact

            return Pact
    """)
    )
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(tree), "PATH": str(BIN)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "zorgpact.core.audit -> pacts.models" in result.stdout


def test_ruff_check_is_clean():
    result = _run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = _run(str(BIN / "ruff"), "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_repository_tracks_no_links_and_no_installed_packages():
    """A committed `.venv` or `node_modules` link (a worktree's shortcut) replaces the real folders on every checkout
    that merges it, and a fresh clone cannot install into a dangling link: git must track neither, nor any link."""
    listing = _run("git", "ls-files", "-s")
    if listing.returncode != 0:  # not a git checkout (an exported tree): nothing to check
        return
    links = [line.split("\t", 1)[1] for line in listing.stdout.splitlines() if line.startswith("120000 ")]
    assert links == []
    paths = [line.split("\t", 1)[1] for line in listing.stdout.splitlines()]
    assert not [p for p in paths if p.split("/", 1)[0] in (".venv", "node_modules")]
