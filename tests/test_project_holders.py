"""A plain class that holds a model and keeps no device of its own (the device is a
method's argument, nothing of it is placed as it is built) leaves placing the model
to the code that holds it, which may be another file (``wrapper.model.to(device)``):
its methods do not take the model for one left on the CPU. A holder that keeps a
device of its own (``self.device = device``) is still read as placing its parts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import invoke, same_without_screen

WRAPPER = """\
import torch
from transformers import AutoModelForSequenceClassification


class ModelWrapper:
    def __init__(self, path, num_labels):
        self.num_labels = num_labels
        self.model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=num_labels)

    def evaluate(self, loader, device):
        self.model.eval()
        for batch in loader:
            batch = {k: t.to(device) for k, t in batch.items()}
            with torch.no_grad():
                yield self.model(**batch).logits.cpu()
"""

PREDICT = """\
import torch

from wrapper import ModelWrapper


def main(loader):
    device = torch.device("cuda")
    wrapper = ModelWrapper("out/final", 2)
    wrapper.model.to(device)
    return list(wrapper.evaluate(loader, device))
"""


def test_a_holder_with_no_device_of_its_own_leaves_placing_to_its_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "wrapper.py").write_text(WRAPPER)
    (tmp_path / "predict.py").write_text(PREDICT)
    monkeypatch.chdir(tmp_path)
    for target in (".", "wrapper.py"):
        assert invoke("-q", "--no-cache", "--select", "TL211", target).exit_code == 0
    same_without_screen(tmp_path / "wrapper.py")


def test_a_holder_that_keeps_its_own_device_still_places_its_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owned = WRAPPER.replace(
        "        self.num_labels = num_labels\n",
        '        self.num_labels = num_labels\n        self.device = torch.device("cuda")\n',
    ).replace("t.to(device)", "t.to(self.device)")
    (tmp_path / "wrapper.py").write_text(textwrap.dedent(owned))
    monkeypatch.chdir(tmp_path)
    result = invoke("-q", "--no-cache", "--select", "TL211", "wrapper.py")
    assert [line.split(" TL211 ")[0] for line in result.stdout.splitlines()] == ["wrapper.py:9:22:"]
