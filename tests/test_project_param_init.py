"""FSDP's ``param_init_fn``: FSDP calls it on each module of a model built on the
meta device (``to_empty`` onto the GPU, then the module's ``reset_parameters``). A
``reset_parameters`` in the model's file that refills a buffer with a helper's
``device=None`` default puts it back on the CPU: TL204 at that call, reached from
the training script that names the init function."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke, same_without_screen

MODEL = """\
import torch
import torch.nn as nn


def alibi_slopes(heads, device=None):
    exponents = torch.arange(1, heads + 1, device=device, dtype=torch.float32)
    return 2.0 ** (-8.0 * exponents / heads)


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)

    def forward(self, x, slopes):
        b, n, d = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
        dist = torch.arange(n, device=x.device)
        bias = -(dist[None, :] - dist[:, None]).abs() * slopes[:, None, None]
        out = torch.softmax(q @ k.transpose(-1, -2) + bias, -1) @ v
        return x + out.transpose(1, 2).reshape(b, n, d)


class AlibiEncoder(nn.Module):
    def __init__(self, dim=512, heads=8, depth=4):
        super().__init__()
        self.heads = heads
        self.blocks = nn.ModuleList(Block(dim, heads) for _ in range(depth))
        self.register_buffer("slopes", alibi_slopes(heads), persistent=False)

    def forward(self, x):
        for block in self.blocks:
            x = block(x, self.slopes)
        return x

    def reset_parameters(self):
        self.slopes = alibi_slopes(self.heads{device})
"""

TRAIN = """\
import torch
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP

from model import AlibiEncoder


def materialize(module):
    module.to_empty(device=torch.cuda.current_device(), recurse=False)
    if hasattr(module, "reset_parameters"):
        module.reset_parameters()


def train(loader):
    with torch.device("meta"):
        model = AlibiEncoder()
    model = FSDP(model, param_init_fn=materialize)
    for x in loader:
        model(x.cuda()).sum().backward()


if __name__ == "__main__":
    train(torch.load("batches.pt"))
"""


@pytest.mark.parametrize(
    ("device", "expected"),
    [("", ["model.py:38:23:"]), (", device=self.blocks[0].qkv.weight.device", [])],
    ids=["left-at-cpu", "made-where-the-weights-are"],
)
def test_reset_parameters_run_by_fsdp_param_init_fn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, device: str, expected: list[str]
) -> None:
    (tmp_path / "model.py").write_text(MODEL.replace("{device}", device))
    (tmp_path / "train.py").write_text(TRAIN)
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--no-cache", "--select", "TL204", ".")
    assert [line.split(" TL204 ")[0] for line in result.stdout.splitlines()] == expected
    if expected:
        assert "(reached from line 18 of train.py)" in result.stdout
    same_without_screen(tmp_path / "train.py")
