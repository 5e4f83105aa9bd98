"""The pytest plugin: `pytest --torchlint-simulate-cuda` runs GPU-only tests on a CPU
and fails a test on a recorded mismatch."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="the runtime check needs torch (pip install torch)")

TESTS = """
import pytest
import torch

gpu = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")


@gpu
def test_gpu_good():
    model = torch.nn.Linear(2, 2).cuda()
    assert model(torch.ones(1, 2).cuda()).is_cuda


@gpu
def test_gpu_bug():
    model = torch.nn.Linear(2, 2).cuda()
    model(torch.ones(1, 2))


@gpu
def test_caught_bug():
    model = torch.nn.Linear(2, 2).cuda()
    try:
        model(torch.ones(1, 2))
    except RuntimeError:
        pass


def test_cpu():
    assert torch.ones(1).device.type == "cpu"
"""


def _pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    registered = any(
        ep.value == "torchlint.runtime.pytest_plugin"
        for ep in importlib.metadata.entry_points(group="pytest11")
    )
    plugin = [] if registered else ["-p", "torchlint.runtime.pytest_plugin"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *plugin, *args, "test_gpu.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_simulated_cuda_runs_gpu_tests_and_fails_on_mismatches(tmp_path: Path) -> None:
    (tmp_path / "test_gpu.py").write_text(TESTS)
    proc = _pytest(tmp_path, "-q", "--torchlint-simulate-cuda", "-rfs")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "2 failed, 2 passed" in out, out
    assert "FAILED test_gpu.py::test_gpu_bug" in out
    assert "FAILED test_gpu.py::test_caught_bug" in out
    assert "test_gpu.py:17:5: TLR001 device mismatch in Linear" in out
    assert "test_gpu.py:24:9: TLR001 device mismatch in Linear" in out
    assert "the test did not fail on it by itself" in out


def test_without_the_option_nothing_changes(tmp_path: Path) -> None:
    (tmp_path / "test_gpu.py").write_text(TESTS)
    proc = _pytest(tmp_path, "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed, 3 skipped" in proc.stdout
