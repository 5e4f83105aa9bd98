"""A model of a class another file defines, placed, then handed to a function of a
third file that attaches new modules to it (``attach_fake_quant(model)``): TL202 at
that call, with the screen on as with it off (the screen takes such a class for a
module, as the flow analysis does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke, same_without_screen

MODEL = """\
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2))

    def forward(self, x):
        return self.body(x)
"""

QUANT = """\
import torch
from torch import nn


class FakeQuant(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("low", torch.full((1,), float("inf")))

    def forward(self, x):
        return torch.maximum(x, self.low)


class Wrapped(nn.Module):
    def __init__(self, layer):
        super().__init__()
        self.layer = layer
        self.fq = FakeQuant()

    def forward(self, x):
        return self.layer(self.fq(x))


def attach(module):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, Wrapped(child))
        else:
            attach(child)
    return module
"""

TRAIN = """\
import torch

from model import Net
from quant import attach

device = torch.device("cuda")


def main():
    model = Net().to(device)
    model = attach(model)
    return model(torch.randn(4, 8, device=device))
"""


def test_a_helper_of_another_file_attaching_to_a_placed_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, text in {"model.py": MODEL, "quant.py": QUANT, "train.py": TRAIN}.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--no-cache", "--select", "TL202", "train.py")
    assert [line.split(" TL202 ")[0] for line in result.stdout.splitlines()] == ["train.py:11:5:"]
    assert "(line 27 of quant.py)" in result.stdout
    same_without_screen(tmp_path / "train.py")
