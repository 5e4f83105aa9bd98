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


def test_float64_data_of_another_file_is_reported_there_when_both_are_linted(
    tmp_path: Path,
) -> None:
    """Linting the project, the line to change is where data.py makes the float64
    tensor; the finding names the call of train.py that reached it."""
    (tmp_path / "data.py").write_text(DATA)
    (tmp_path / "train.py").write_text(TRAIN)
    result = invoke("--isolated", "--no-cache", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'data.py'}:5:12: TL105 `x.to(device)` is float64 from here, and `model` "
        "at line 11 of train.py computes in float32: 'mat1 and mat2 must have the same "
        "dtype, but got Double and Float'; pass `x.to(device).float()` there (reached from "
        "line 11 of train.py)"
    ]


def test_a_tensor_of_a_settings_module_meets_the_device_where_it_is_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "detect.py").write_text(DETECT)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "detect.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        f"{tmp_path / 'detect.py'}:11:12: TL204 `config.ANCHORS` was made on the CPU (no "
        "`device=`) at line 4 of config.py and meets `offsets`, on the model's device (line 8), "
        "here"
    )
    same_without_screen(tmp_path / "detect.py")


def test_a_tensor_the_settings_module_puts_on_the_device_is_not_reported(
    tmp_path: Path,
) -> None:
    (tmp_path / "config.py").write_text(CONFIG_DEVICE)
    (tmp_path / "detect.py").write_text(DETECT)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "detect.py"))
    assert result.exit_code == 0, result.stdout


ANCHOR_CONFIG = """\
import torch


def anchor_grid(size, stride):
    cells = []
    for y in range(size // stride):
        for x in range(size // stride):
            cells.append([(x + 0.5) * stride, (y + 0.5) * stride, stride, stride])
    return torch.tensor(cells)


ANCHORS = anchor_grid(64, 8)
"""

ANCHOR_HEAD = """\
from torch import nn

import config


class AnchorHead(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.deltas = nn.Conv2d(channels, 4, 1)
        self.anchors = config.ANCHORS

    def forward(self, feats):
        return self.anchors + self.deltas(feats).flatten(2).transpose(1, 2)
"""


def test_a_tensor_a_settings_module_binds_kept_as_a_plain_attribute(tmp_path: Path) -> None:
    # (TL301: ``config.ANCHORS`` of ``import config`` or ``from . import config``
    # reads the binding in config.py; the message names its line there)
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "config.py").write_text(ANCHOR_CONFIG)
    for text in (ANCHOR_HEAD, ANCHOR_HEAD.replace("import config", "from . import config")):
        (tmp_path / "head.py").write_text(text)
        result = invoke("--isolated", "--no-cache", str(tmp_path / "head.py"))
        assert result.exit_code == 1
        assert result.stdout.splitlines() == [
            f"{tmp_path / 'head.py'}:10:9: TL301 `self.anchors` is a plain tensor attribute "
            "(`config.ANCHORS`, bound to a CPU tensor at line 12 of config.py), not a buffer: "
            "`.to(device)` and `.half()` leave it on the CPU in its dtype (used at line 13); "
            'register it with `self.register_buffer("anchors", ..., persistent=False)`'
        ]
        same_without_screen(tmp_path / "head.py")
    # A name imported from config.py is not read (the screen would keep every class
    # that reads one).
    imported = ANCHOR_HEAD.replace("import config", "from config import ANCHORS")
    (tmp_path / "head.py").write_text(imported.replace("config.ANCHORS", "ANCHORS"))
    assert invoke("--isolated", "--no-cache", str(tmp_path / "head.py")).exit_code == 0
    same_without_screen(tmp_path / "head.py")
    (tmp_path / "head.py").write_text(ANCHOR_HEAD)
    # Made on the device, rebound under an ``if``: not read as a CPU tensor.
    for binding in (
        'ANCHORS = anchor_grid(64, 8).to("cuda")',
        "ANCHORS = anchor_grid(64, 8)\nif torch.cuda.is_available():\n    ANCHORS = ANCHORS.cuda()",
    ):
        (tmp_path / "config.py").write_text(
            ANCHOR_CONFIG.replace("ANCHORS = anchor_grid(64, 8)", binding)
        )
        assert invoke("--isolated", "--no-cache", str(tmp_path / "head.py")).exit_code == 0
