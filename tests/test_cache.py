"""The results cache: warm runs give the same output, edits and config changes are
seen, broken entries are rewritten, --no-cache leaves nothing behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from torchlint.cli import main

BAD = 'import torch\n\n\ndef f(x):\n    return x.type("torch.HalfTensor")\n'


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(BAD)
    (tmp_path / "b.py").write_text("x = 1\n")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-q", *args])
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


def test_a_read_only_cache_folder_is_not_an_error(tree: Path) -> None:
    (tree / ".torchlint_cache").mkdir()
    os.chmod(tree / ".torchlint_cache", 0o500)
    try:
        assert run(".")[0] == 1
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
        "from torchlint.cli import main\n"
        "main()\n"
    )
    command = [sys.executable, "-c", probe, "-j", "2", "."]
    cold = subprocess.run(command, capture_output=True, text=True)
    warm = subprocess.run(command, capture_output=True, text=True)
    assert cold.stdout == warm.stdout and "TL102" in warm.stdout
    assert "pool" in cold.stderr.splitlines()
    assert "pool" not in warm.stderr.splitlines()
    assert "libcst False" in warm.stderr.splitlines()
