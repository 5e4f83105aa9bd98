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
