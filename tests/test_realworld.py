"""The real-bug benchmark (bench/realworld/): well-formed, big enough, and no regression.

Every case caught today stays caught at a right line and every look-alike stays silent
(bench/realworld/expected.json, rewritten only by `python bench/realworld.py
--update-expected`); the figures in docs/audits.md are what the benchmark prints.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import realworld  # noqa: E402


@pytest.fixture(scope="module")
def cases() -> list[realworld.Case]:
    return realworld.discover()


@pytest.fixture(scope="module")
def results(cases: list[realworld.Case]) -> list[realworld.Result]:
    # The command a user runs, from each case's folder, default rules; linted by
    # worker processes that run it in-process (test_scoring_a_case checks that a
    # torchlint process of its own gives the same outcomes).
    return realworld.run_in_workers(cases, None, max(2, os.cpu_count() or 1))


def test_every_header_is_well_formed(cases: list[realworld.Case]) -> None:
    assert realworld.validate(cases) == []


def test_the_benchmark_is_as_big_as_promised(cases: list[realworld.Case]) -> None:
    buggy = [c for c in cases if c.buggy]
    look_alikes = [c for c in cases if not c.buggy]
    projects = [c for c in buggy if c.root.is_dir()]
    threads = set().union(*(c.sources for c in buggy))
    assert len(buggy) >= 100
    assert len(threads) >= 60
    assert len(projects) >= 10
    assert len(look_alikes) >= 50
    # Every project's defect crosses a module boundary: a bug line outside the
    # file that holds the training loop, or bug lines in two files.
    for p in projects:
        assert len({h.path for h in p.headers}) >= 2, p.id


def test_outcomes_match_expected_json(results: list[realworld.Result]) -> None:
    expected = realworld.load_expected()
    assert realworld.compare_expected(results, expected) == []
    # Improvements are recorded deliberately too, so the figures in the docs are true.
    assert realworld.improvements(results, expected) == []
    assert set(expected) == {r.case.id for r in results}


def test_every_case_not_caught_says_why(results: list[realworld.Result]) -> None:
    expected = realworld.load_expected()
    unexplained = [
        r.case.id
        for r in results
        if r.outcome not in ("caught", "silent") and not expected[r.case.id].get("why")
    ]
    assert unexplained == []


def test_docs_show_what_the_benchmark_prints(
    cases: list[realworld.Case], results: list[realworld.Result]
) -> None:
    text = realworld.DOCS.read_text()
    block = text[text.index(realworld.BEGIN) : text.index(realworld.END) + len(realworld.END)]
    assert block == realworld.docs_section(cases, results), (
        "docs/audits.md is stale: python bench/realworld.py --write-docs"
    )


def test_scoring_a_case(tmp_path: Path) -> None:
    """The scorer itself: a finding on a bug line is caught, elsewhere a wrong line."""
    folder = tmp_path / "cases" / "inputs-not-moved"
    folder.mkdir(parents=True)
    header = (
        "# source: https://example.org/thread/1\n"
        "# error: Expected all tensors to be on the same device\n"
        "# pattern: inputs-not-moved\n"
        "# shape: helper\n"
        "# bug-lines: {lines}\n"
        "# cpu: clean\n"
        "# needs: torch\n"
    )
    body = (
        "import torch\n"
        "from torch import nn\n"
        "\n"
        "\n"
        "def run(features):\n"
        "    model = nn.Linear(4, 2).cuda()\n"
        "    x = torch.tensor(features, dtype=torch.float32)\n"
        "    return model(x)\n"
    )
    (folder / "right.py").write_text(header.format(lines="14, 15") + body)
    (folder / "wrong.py").write_text(header.format(lines="13") + body)
    (folder / "ok_moved.py").write_text(
        header.replace("pattern:", "looks-like:").replace("# bug-lines: {lines}\n", "")
        + body.replace("dtype=torch.float32)", "dtype=torch.float32).cuda()")
    )
    cases = realworld.discover(tmp_path)
    assert realworld.validate(cases) == []
    wanted = {
        "cases/inputs-not-moved/ok_moved.py": "silent",
        "cases/inputs-not-moved/right.py": "caught",
        "cases/inputs-not-moved/wrong.py": "wrong-line",
    }
    files = [c for c in cases if c.id.endswith(".py")]
    by_process = {c.id: realworld.run_torchlint(c, None) for c in files}
    assert {k: r.outcome for k, r in by_process.items()} == wanted
    # The benchmark's workers lint in-process: the same outcomes and findings.
    in_workers = realworld.run_in_workers(files, None, 2)
    assert {r.case.id: (r.outcome, r.findings) for r in in_workers} == {
        k: (r.outcome, r.findings) for k, r in by_process.items()
    }


def test_validate_names_the_problems(tmp_path: Path) -> None:
    folder = tmp_path / "cases" / "loss-target-dtype"
    folder.mkdir(parents=True)
    (folder / "bad.py").write_text(
        "# source: not a url\n# pattern: other\n# shape: sideways\n# bug-lines: 2\n\nx = 1\n"
    )
    problems = realworld.validate(realworld.discover(tmp_path))
    text = "\n".join(problems)
    for part in ("no `error:`", "not a URL", "unknown shape", "bug line 2 is not code", "folder"):
        assert part in text
