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

from torchlint.lint import engine

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


HELPER_WITH_DEVICE = """\
import torch

device = torch.device("cuda:0")


def embed(encoder, images):
    return encoder(images.to(device))
"""

TRAIN_WITH_HELPER = """\
import torch
from torch import nn

from helper import embed


def run(images, gpu):
    device = torch.device(f"cuda:{gpu}")
    encoder = nn.Conv2d(3, 8, 3).to(device)
    return embed(encoder, images)
"""


def test_the_same_findings_when_a_process_lints_the_file_again(tmp_path: Path) -> None:
    # A process keeps the other files of the project it read (the language server,
    # a batch worker): what their module-level assignments bind (the helper's
    # ``cuda:0``) must count on every lint, not only on the first.
    write(tmp_path, {"helper.py": HELPER_WITH_DEVICE, "train.py": TRAIN_WITH_HELPER})
    path = str(tmp_path / "train.py")
    text = (tmp_path / "train.py").read_text()
    runs = [
        [(f.line, f.code) for f in engine.lint_text(path, text, frozenset({"TL208"})).findings]
        for _ in range(3)
    ]
    assert runs == [[(10, "TL208")]] * 3
