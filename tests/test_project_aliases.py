"""A function of another file of the project, called under another name
(``criterion = hybrid_loss``, then ``criterion(preds, labels)``), is followed there
as a call by its own name is."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import invoke, same_without_screen

LOSSES = """\
import torch


def dice_loss(logits, target):
    onehot = torch.eye(logits.size(1))[target[:, 0]]
    return 1.0 - (logits.softmax(dim=1) * onehot.movedim(-1, 1)).mean()
"""

TRAIN = """\
import torch
from torch import nn

from losses import dice_loss

device = torch.device("cuda")
model = nn.Conv2d(3, 2, 1).to(device)
criterion = dice_loss
for images, masks in [(torch.rand(2, 3, 8, 8), torch.zeros(2, 1, 8, 8))]:
    loss = criterion(model(images.to(device)), masks.long().to(device))
"""


@pytest.mark.parametrize("call", ["criterion", "dice_loss"])
def test_a_function_of_another_file_is_followed_under_any_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    (tmp_path / "losses.py").write_text(textwrap.dedent(LOSSES))
    (tmp_path / "train.py").write_text(TRAIN.replace("criterion(", f"{call}("))
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--no-cache", "--select", "TL204", ".")
    assert [line.split(" TL204 ")[0] for line in result.stdout.splitlines()] == ["losses.py:5:14:"]
    assert "(line 10 of train.py)" in result.stdout
    for name in ("losses.py", "train.py"):
        same_without_screen(tmp_path / name)


def test_a_name_bound_to_something_else_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "losses.py").write_text(textwrap.dedent(LOSSES))
    rebound = TRAIN.replace("criterion = dice_loss", "criterion = nn.CrossEntropyLoss()")
    (tmp_path / "train.py").write_text(rebound)
    monkeypatch.chdir(tmp_path)
    assert invoke("-q", "--no-cache", "--select", "TL204", ".").exit_code == 0
