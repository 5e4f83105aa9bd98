"""The results cache: warm runs give the same output, edits and config changes are
seen, broken entries are rewritten, --no-cache leaves nothing behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import invoke

import torchlint

BAD = 'import torch\n\n\ndef f(x: torch.Tensor):\n    return x.type("torch.HalfTensor")\n'
BAD_MSG = (
    "TL102 `.type('torch.HalfTensor')` is a legacy cast that also moves the tensor to the "
    'CPU; say both explicitly with `.to(device="cpu", dtype=torch.float16)`'
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(BAD)
    (tmp_path / "b.py").write_text("x = 1\n")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = invoke("-q", *args)
    return result.exit_code, result.stdout


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / ".torchlint_cache").rglob("*.json"))


def test_warm_run_gives_the_same_output_from_the_cache(tree: Path) -> None:
    cold = run(".")
    assert cold[0] == 1 and "TL102" in cold[1]
    assert len(entries(tree)) == 2
    assert (tree / ".torchlint_cache" / ".gitignore").read_text().endswith("*\n")
    assert run(".") == cold


def test_an_edited_file_is_linted_again(tree: Path) -> None:
    run(".")
    (tree / "a.py").write_text("x = 2\n")
    assert run(".") == (0, "")


def test_selection_is_part_of_the_key(tree: Path) -> None:
    run(".")
    assert run("--ignore", "TL102", ".") == (0, "")
    assert run(".")[0] == 1


def test_a_broken_entry_is_ignored_and_rewritten(tree: Path) -> None:
    cold = run(".")
    for entry in entries(tree):
        entry.write_text("{not json")
    assert run(".") == cold
    assert all(e.read_text().startswith("[") for e in entries(tree))


def test_no_cache_reads_and_writes_nothing(tree: Path) -> None:
    assert run("--no-cache", ".")[0] == 1
    assert not (tree / ".torchlint_cache").exists()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root ignores chmod: see the tests of a file in the cache's place and of user nobody",
)
def test_a_read_only_cache_folder_is_not_an_error(tree: Path) -> None:
    (tree / ".torchlint_cache").mkdir()
    os.chmod(tree / ".torchlint_cache", 0o500)
    try:
        assert run(".") == (1, f"a.py:5:14: {BAD_MSG}\n")
        assert entries(tree) == []
    finally:
        os.chmod(tree / ".torchlint_cache", 0o700)


def test_a_warm_run_starts_no_worker_and_never_imports_libcst(tree: Path) -> None:
    """A cached run reads, hashes and answers in the main process: no process pool,
    no rules, no LibCST (a third of a second of start-up)."""
    import subprocess
    import sys

    probe = (
        "import atexit, sys, concurrent.futures as cf\n"
        "start = cf.ProcessPoolExecutor.__init__\n"
        "def init(self, *a, **k):\n"
        "    print('pool', file=sys.stderr)\n"
        "    start(self, *a, **k)\n"
        "cf.ProcessPoolExecutor.__init__ = init\n"
        "atexit.register(lambda: print('libcst', 'libcst' in sys.modules, file=sys.stderr))\n"
        "from torchlint.frontends.cli import main\n"
        "main()\n"
    )
    command = [sys.executable, "-c", probe, "-j", "2", "."]
    cold = subprocess.run(command, capture_output=True, text=True)
    warm = subprocess.run(command, capture_output=True, text=True)
    assert cold.stdout == warm.stdout and "TL102" in warm.stdout
    assert "pool" in cold.stderr.splitlines()
    assert "pool" not in warm.stderr.splitlines()
    assert "libcst False" in warm.stderr.splitlines()


# ---------------------------------------------------------------- safety nets


def test_a_cache_folder_that_is_a_file_is_not_an_error(tree: Path) -> None:
    """Root ignores chmod; a regular file where the cache folder should be cannot
    be written by anyone."""
    (tree / ".torchlint_cache").write_text("not a folder\n")
    assert run(".") == (1, f"a.py:5:14: {BAD_MSG}\n")
    assert run(".") == (1, f"a.py:5:14: {BAD_MSG}\n")
    assert (tree / ".torchlint_cache").read_text() == "not a folder\n"


def _torchlint_copy(site: Path) -> Path:
    """A copy of torchlint's package to edit, as a development install is edited."""
    package = Path(torchlint.__file__).resolve().parent
    shutil.copytree(package, site / "torchlint", ignore=shutil.ignore_patterns("__pycache__"))
    return site / "torchlint"


def _run_copy(site: Path, cwd: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "torchlint", "-q", "."],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        # No bytecode: an edit of the same size in the same second could reuse it.
        env={**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
    return proc.stdout


def test_the_cache_misses_after_the_rule_code_changes(
    tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = tmp_path_factory.mktemp("site")
    package = _torchlint_copy(site)
    assert _run_copy(site, tree) == f"a.py:5:14: {BAD_MSG}\n"
    rule = package / "checks" / "type_cast.py"
    rule.write_text(rule.read_text().replace("is a legacy cast", "is an old-style cast"))
    assert _run_copy(site, tree) == f"a.py:5:14: {BAD_MSG}\n".replace(
        "is a legacy cast", "is an old-style cast"
    )


def test_an_upgrade_does_not_read_the_entries_of_the_version_before(
    tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = tmp_path_factory.mktemp("site")
    package = _torchlint_copy(site)
    cold = _run_copy(site, tree)
    assert cold == f"a.py:5:14: {BAD_MSG}\n"
    # What the version before would have found (say, an older message) is in the cache,
    stale = [e for e in entries(tree) if e.read_text() != "[]"]
    assert len(stale) == 1
    stale[0].write_text(stale[0].read_text().replace("is a legacy cast", "WAS A LEGACY CAST"))
    assert _run_copy(site, tree) == cold.replace("is a legacy cast", "WAS A LEGACY CAST")
    # and the new version does not read it.
    init = package / "__init__.py"
    version = f'__version__ = "{torchlint.__version__}"'
    assert version in init.read_text()
    init.write_text(init.read_text().replace(version, '__version__ = "99.0.0"'))
    assert _run_copy(site, tree) == cold


def _as_nobody() -> Callable[[], None] | None:
    """A ``preexec_fn`` that drops a root process to user nobody, or None where that
    is impossible or where nobody cannot run this Python and torchlint."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    try:
        import pwd

        nobody = pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        return None

    def drop() -> None:
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)

    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import torchlint.frontends.cli"],
            cwd="/",
            capture_output=True,
            timeout=120,
            preexec_fn=drop,
        )
    except (OSError, subprocess.SubprocessError):  # e.g. the interpreter is under /root
        return None
    return drop if probe.returncode == 0 else None


def test_a_tree_its_user_cannot_write_is_linted_without_a_cache() -> None:
    """The unprivileged twin of the chmod test, for a run as root (which ignores
    chmod): the tree belongs to root, the run is nobody's."""
    drop = _as_nobody()
    if drop is None:
        pytest.skip("needs root, a user nobody, and a Python that nobody can run")
    root = Path(tempfile.mkdtemp(prefix="torchlint-read-only-"))
    try:
        root.chmod(0o755)
        (root / "a.py").write_text(BAD)
        proc = subprocess.run(
            [sys.executable, "-m", "torchlint", "-q", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            preexec_fn=drop,
        )
        assert (proc.returncode, proc.stdout, proc.stderr) == (1, f"a.py:5:14: {BAD_MSG}\n", "")
        assert sorted(p.name for p in root.iterdir()) == ["a.py"]
    finally:
        shutil.rmtree(root)
