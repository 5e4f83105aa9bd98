"""A tensor a helper of one file makes on the CPU, handed to a submodule by a class
of a second file, for a model the third file moves to the GPU: TL204 reports it
where it is made (the line to change), reached from the script's call; not at the
script's call, which neither makes nor hands it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke, same_without_screen

POSENC = """\
import math

import torch


def sinusoid_table(length, dim{param}):
    position = torch.arange(length, dtype=torch.float32{device})[:, None]
    scale = torch.exp(torch.arange(0, dim, 2{device}).float() * (-math.log(10000.0) / dim))
    table = torch.cat([torch.sin(position * scale), torch.cos(position * scale)], dim=1)
    return table[None]
"""

LAYERS = """\
import torch.nn as nn

from posenc import sinusoid_table


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.attn = nn.MultiheadAttention(dim, 4, batch_first=True)

    def forward(self, x, pos):
        q = x + pos
        return x + self.attn(q, q, x)[0]


class TextEncoder(nn.Module):
    def __init__(self, vocab=8000, dim=128):
        super().__init__()
        self.dim = dim
        self.embed = nn.Embedding(vocab, dim)
        self.block = Block(dim)
        self._tables = {}

    def _positions(self, n{dparam}):
        if n not in self._tables:
            self._tables[n] = sinusoid_table(n, self.dim{darg})
        return self._tables[n]

    def forward(self, ids):
        x = self.embed(ids)
        return self.block(x, self._positions(ids.shape[1]{call}))
"""

INFER = """\
import torch

from layers import TextEncoder


def encode(texts_ids):
    device = torch.device("cuda")
    model = TextEncoder().to(device).eval()
    with torch.no_grad():
        return model(texts_ids.to(device))


if __name__ == "__main__":
    print(encode(torch.randint(0, 8000, (2, 16))).shape)
"""

LEFT_AT_CPU = dict(param="", device="", dparam="", darg="", call="")
MADE_THERE = dict(
    param=", device=None",
    device=", device=device",
    dparam=", device",
    darg=", device=device",
    call=", ids.device",
)


def _fill(text: str, holes: dict[str, str]) -> str:
    for key, value in holes.items():
        text = text.replace("{" + key + "}", value)
    return text


@pytest.mark.parametrize(
    ("holes", "expected"),
    [(LEFT_AT_CPU, ["posenc.py:7:16:"]), (MADE_THERE, [])],
    ids=["made-on-the-cpu", "made-on-the-inputs-device"],
)
def test_made_in_one_file_handed_over_in_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, holes: dict[str, str], expected: list[str]
) -> None:
    for name, text in (("posenc.py", POSENC), ("layers.py", LAYERS), ("infer.py", INFER)):
        (tmp_path / name).write_text(_fill(text, holes))
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--no-cache", "--select", "TL204", ".")
    assert [line.split(" TL204 ")[0] for line in result.stdout.splitlines()] == expected
    if expected:
        assert "at line 12 of layers.py" in result.stdout
        assert "(reached from line 10 of infer.py)" in result.stdout
    same_without_screen(tmp_path / "infer.py")
