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


@gpu
@pytest.mark.torchlint_skip
def test_provokes_a_mismatch_on_purpose():
    model = torch.nn.Linear(2, 2).cuda()
    with pytest.raises(RuntimeError, match="same device"):
        model(torch.ones(1, 2))
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
    # --strict-markers: the plugin registers its marker.
    proc = _pytest(tmp_path, "-q", "--torchlint-simulate-cuda", "-rfs", "--strict-markers")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "2 failed, 3 passed" in out, out  # the marked test opts out
    assert "FAILED test_gpu.py::test_gpu_bug" in out
    assert "FAILED test_gpu.py::test_caught_bug" in out
    assert "test_gpu.py:17:5: TLR001 device mismatch in Linear" in out
    assert "test_gpu.py:24:9: TLR001 device mismatch in Linear" in out
    assert "the test did not fail on it by itself" in out
    assert "mark it @pytest.mark.torchlint_skip" in out
    # The failure's traceback is the test's frames: neither torch's nor the simulator's.
    failure = out.split("_ test_gpu_bug _", 1)[1].split("Captured torchlint", 1)[0]
    assert "test_gpu.py:17: " in failure and "SimulatedCudaError" in failure
    assert "torchlint/runtime/" not in failure and "torch/nn/modules" not in failure, failure


def test_without_the_option_nothing_changes(tmp_path: Path) -> None:
    (tmp_path / "test_gpu.py").write_text(TESTS)
    proc = _pytest(tmp_path, "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed, 4 skipped" in proc.stdout
