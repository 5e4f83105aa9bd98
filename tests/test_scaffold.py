"""`python -m torchlint.docs new CODE NAME` (docs/contributing.md): in a copy of the
project, the scaffold writes a rule that runs and at most four hand-written files,
the derived files follow, and the tests pass except the one that asks a person to
fill in the TODOs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from torchlint import scaffold

ROOT = Path(__file__).resolve().parent.parent
# What the rule-book and docs tests read; the rest of the project plays no part.
COPIED = ("torchlint", "rules", "docs", "README.md", "mkdocs.yml", "pyproject.toml")
TESTS = ("conftest.py", "rulebook.py", "test_rulebook.py", "test_docs.py")
CACHES = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".ruff_cache", ".torchlint_cache")


def _copy(dest: Path) -> None:
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=CACHES)
        else:
            shutil.copy2(src, dest / name)
    (dest / "tests").mkdir()
    for name in TESTS:
        shutil.copy2(ROOT / "tests" / name, dest / "tests" / name)
    (dest / "bench").mkdir()
    for path in [*ROOT.glob("bench/*.py"), *ROOT.glob("bench/*.json")]:
        shutil.copy2(path, dest / "bench" / path.name)


def _run(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, timeout=300
    )


def _tracked(copy: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(copy)): p.read_bytes()
        for p in sorted(copy.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("fix_to", [None, "torch.new_thing"], ids=["no-fix", "fix"])
def test_a_scaffolded_rule_runs_and_touches_at_most_four_files(
    tmp_path: Path, fix_to: str | None
) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    _copy(copy)
    before = _tracked(copy)
    new = ["-m", "torchlint.docs", "new", "TL699", "scaffold-check", "--call", "torch.old_thing"]
    result = _run(copy, *new, *(["--fix-to", fix_to] if fix_to else []))
    assert result.returncode == 0, result.stderr
    after = _tracked(copy)
    added = sorted(set(after) - set(before))
    changed = sorted(p for p in before if p in after and before[p] != after[p])
    hand = [
        "rules/TL699-scaffold-check/bad.py",
        *(["rules/TL699-scaffold-check/fixed.py"] if fix_to else []),
        "rules/TL699-scaffold-check/good.py",
        "torchlint/checks/scaffold_check.py",
    ]
    assert added == sorted([*hand, "docs/rules/TL699.md"])
    # Everything else the new rule changes is derived (python -m torchlint.docs).
    assert changed == sorted(
        [
            "README.md",
            "docs/rules/index.md",
            "docs/runtime.md",
            "mkdocs.yml",
            "torchlint/rules/catalog.py",
        ]
    )
    assert _run(copy, "-m", "torchlint.docs", "--check").returncode == 0

    tests = _run(
        copy,
        *("-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider"),
        *("tests/test_rulebook.py", "tests/test_docs.py", "-k", "TL699 or test_docs"),
    )
    failed = [line for line in tests.stdout.splitlines() if line.startswith("FAILED")]
    # The rule runs: its rule-book cases pass; only its TODOs are left to write.
    assert [f.split(" ")[1] for f in failed] == [
        "tests/test_docs.py::test_no_scaffold_placeholder_is_left"
    ], tests.stdout[-4000:]
    passed = re.search(r"(\d+) passed", tests.stdout)
    assert passed and int(passed.group(1)) >= 10, tests.stdout[-4000:]


def test_scaffold_output_is_formatted_python() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    for fix_to in (None, "torch.new_thing"):
        written = scaffold.files("TL699", "scaffold-check", "torch.old_thing", fix_to, False)
        for rel, text in written.items():
            compile(text, rel, "exec")
        module = written["torchlint/checks/scaffold_check.py"]
        assert "default_enabled = False" in module
        if Path(ruff).is_file():
            check = subprocess.run(
                [ruff, "format", "--check", "--stdin-filename", "scaffold_check.py", "-"],
                input=module,
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            assert check.returncode == 0, check.stdout + check.stderr


def test_scaffold_refuses_a_taken_code_or_name(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copytree(ROOT / "torchlint", copy / "torchlint", ignore=CACHES)
    (copy / "rules").mkdir()
    result = _run(copy, "-m", "torchlint.docs", "new", "TL101", "stale-alias")
    assert result.returncode == 2
    assert "TL101 is taken" in result.stderr and "stale-alias is taken" in result.stderr
    result = _run(copy, "-m", "torchlint.docs", "new", "T1", "Bad_Name")
    assert result.returncode == 2 and "not a rule code" in result.stderr
