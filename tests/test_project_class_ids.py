"""Class ids cast to a float in a Dataset of another file, reaching `cross_entropy` in
the training script: with both files linted, the finding is the dataset's, on the
cast; with the script linted alone, it lands on the loss's target and names the cast
in the other file (not "cast here", which that line is not)."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke

DATASET = """\
import numpy as np
import torch
from torch.utils.data import Dataset


class Masks(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        mask = np.random.randint(0, 3, size=(16, 16)).astype(np.uint8)
        return torch.rand(3, 16, 16), torch.from_numpy(mask).float()
"""

TRAIN = """\
import torch
from torch import nn
from torch.utils.data import DataLoader

from data import Masks


def train(device):
    net = nn.Conv2d(3, 3, 1).to(device)
    loss_fn = nn.CrossEntropyLoss()
    for images, masks in DataLoader(Masks(), batch_size=4):
        loss = loss_fn(net(images.to(device)), masks.to(device))
        loss.backward()
"""


def _write(tmp_path: Path) -> None:
    (tmp_path / "data.py").write_text(DATASET)
    (tmp_path / "train.py").write_text(TRAIN)


def test_the_cast_in_the_dataset_file_is_the_finding(tmp_path: Path) -> None:
    _write(tmp_path)
    result = invoke("--select", "TL104", "--isolated", "--no-cache", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'data.py'}:12:39: TL104 class ids cast to float32 here reach "
        "CrossEntropyLoss (line 12 of train.py) as the target `masks.to(device)`: "
        "CrossEntropyLoss takes a floating target only as class probabilities (with the "
        "input's class dimension): 'expected target dtype to be Long or Byte, but got "
        "Float'; keep them integers (drop the cast, or `.long()` them), or pass "
        "`masks.to(device).long()` there (reached from line 12 of train.py)"
    ]


def test_linted_alone_the_script_names_the_cast_in_the_other_file(tmp_path: Path) -> None:
    _write(tmp_path)
    result = invoke("--select", "TL104", "--isolated", "--no-cache", str(tmp_path / "train.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'train.py'}:12:16: TL104 `masks.to(device)` holds class ids cast to "
        "float32 at line 12 of data.py: CrossEntropyLoss takes a floating target only as "
        "class probabilities (with the input's class dimension): 'expected target dtype to "
        "be Long or Byte, but got Float'; keep them integers, or pass "
        "`masks.to(device).long()`"
    ]
