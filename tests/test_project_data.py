"""Data another file of the project binds at module level, read by name: a loader
``data.py`` builds at import time (``from data import loader``), a tensor of a
settings module (``import config``; ``config.ANCHORS``). The flow analysis reads
what that file's assignments bind, as its own functions see it, and the screen keeps
the reading unit with the tags of those assignments: the same findings with the
screen on and off."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke, same_without_screen

DATA = """\
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

features = torch.from_numpy(np.random.rand(64, 8))
targets = torch.randint(0, 2, (64,))
loader = DataLoader(TensorDataset(features, targets), batch_size=16, shuffle=True)
"""

TRAIN = """\
import torch
from torch import nn

from data import loader


def train(device):
    model = nn.Linear(8, 2).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        loss = nn.functional.cross_entropy(model(x.to(device)), y.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
"""

CONFIG = """\
import torch

IMAGE_SIZE = 300
ANCHORS = torch.tensor([[0.1, 0.1, 0.2, 0.2], [0.5, 0.5, 0.3, 0.3]])
"""

DETECT = """\
import torch
from torch import nn

import config


def decode(device):
    head = nn.Linear(16, 4).to(device)
    feats = torch.rand(2, 16, device=device)
    offsets = head(feats)
    return offsets + config.ANCHORS
"""

CONFIG_DEVICE = """\
import torch

ANCHORS = torch.tensor([[0.1, 0.1, 0.2, 0.2]], device="cuda")
"""


def test_a_loader_another_file_builds_yields_its_float64_batches(tmp_path: Path) -> None:
    (tmp_path / "data.py").write_text(DATA)
    (tmp_path / "train.py").write_text(TRAIN)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "train.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'train.py'}:11:50: TL105 `x.to(device)` is float64 (made at line 5 of "
        "data.py) but `model` computes in float32: 'mat1 and mat2 must have the same dtype, "
        "but got Double and Float'; pass `x.to(device).float()`"
    )
    same_without_screen(tmp_path / "train.py")


def test_a_tensor_of_a_settings_module_meets_the_device_where_it_is_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "detect.py").write_text(DETECT)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "detect.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        f"{tmp_path / 'detect.py'}:11:12: TL204 `config.ANCHORS` was made on the CPU (no "
        "`device=`) at line 4 of config.py and meets `offsets`, on the model's device, here"
    )
    same_without_screen(tmp_path / "detect.py")


def test_a_tensor_the_settings_module_puts_on_the_device_is_not_reported(
    tmp_path: Path,
) -> None:
    (tmp_path / "config.py").write_text(CONFIG_DEVICE)
    (tmp_path / "detect.py").write_text(DETECT)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "detect.py"))
    assert result.exit_code == 0, result.stdout
