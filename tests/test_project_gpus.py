"""A batch put on the current GPU by a helper of another file (``batch[k] =
v.cuda()``, key by key in a loop, or a dict comprehension) and handed to a model
placed on a GPU the code chooses (TL208): the line to change is the helper's move.
Linted together, the finding is the helper's, once; linted alone, the calling file
reports its call, naming the helper's line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import invoke, same_without_screen

UTILS = """\
import torch


def to_cuda(batch):
    for key, value in batch.items():
        if isinstance(value, torch.Tensor):
            batch[key] = value.cuda()
    return batch
"""

UTILS_COMPREHENSION = """\
def to_cuda(batch):
    return {key: value.cuda() for key, value in batch.items()}
"""

TRAIN = """\
import argparse

import torch
from torch import nn

from utils import to_cuda


def run(loader, gpu):
    device = torch.device(f"cuda:{gpu}")
    model = nn.Linear(8, 2).to(device)
    for batch in loader:
        batch = to_cuda(batch)
        print(model(batch["x"]), model(batch["y"]))
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text))


@pytest.mark.parametrize("utils", [UTILS, UTILS_COMPREHENSION], ids=["loop", "comprehension"])
def test_linted_together_the_helper_s_move_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, utils: str
) -> None:
    write(tmp_path, {"utils.py": utils, "train.py": TRAIN})
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--no-cache", "--select", "TL208", ".")
    move = 7 if utils is UTILS else 2
    assert [line.split(" TL208 ")[0] for line in result.stdout.splitlines()] == [
        f"utils.py:{move}:{26 if utils is UTILS else 18}:"
    ]
    assert "(reached from line 14 of train.py)" in result.stdout
    for name in ("utils.py", "train.py"):
        same_without_screen(tmp_path / name)


def test_linted_alone_the_call_names_the_helper_s_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"utils.py": UTILS, "train.py": TRAIN})
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--no-cache", "--select", "TL208", "train.py")
    lines = result.stdout.splitlines()
    assert [line.split(" TL208 ")[0] for line in lines] == ["train.py:14:15:", "train.py:14:34:"]
    assert all("(line 7 of utils.py)" in line for line in lines)
