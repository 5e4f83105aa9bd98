"""Classes of another file of the project. A module class kept in a plain container
(TL302): ``from metrics import Accuracy`` then ``self.metrics = {"acc": Accuracy()}``
leaves the metric's buffers out of ``.to()``, as a class of the same file would; the
screen keeps the unit (a capitalized name another file of the project may define as
a module). And a model built by that file's classmethod (``Net.from_checkpoint(path)``)
is the class's module, followed there (TL207). The findings are the same with the
screen on and off."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke, same_without_screen

METRICS = """\
import torch
from torch import nn


class Accuracy(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("hits", torch.zeros(()))

    def update(self, logits, labels):
        self.hits += (logits.argmax(1) == labels).sum()


def summarize(values):
    return sum(values) / max(len(values), 1)


class Report:
    def __init__(self, name):
        self.name = name
"""

MODEL = """\
from torch import nn

from metrics import Accuracy, Report

class Classifier(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.head = nn.Linear(16, n)
        self.metrics = {"acc": Accuracy(), "report": Report("val")}
        self.reports = [Report("train"), Report("val")]

    def forward(self, x):
        return self.head(x)
"""


def test_another_files_module_class_in_a_plain_dict_is_reported(tmp_path: Path) -> None:
    (tmp_path / "metrics.py").write_text(METRICS)
    (tmp_path / "model.py").write_text(MODEL)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "model.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'model.py'}:9:9: TL302 `self.metrics` keeps submodules in a plain "
        "dict: they are not registered, so `.to()`, `.half()`, `.parameters()` and "
        "`state_dict()` skip them; use `nn.ModuleDict`"
    ]
    same_without_screen(tmp_path / "model.py")


def test_plain_classes_of_another_file_in_a_list_are_not_reported(tmp_path: Path) -> None:
    (tmp_path / "metrics.py").write_text(
        METRICS.replace("class Accuracy(nn.Module)", "class Accuracy")
    )
    (tmp_path / "model.py").write_text(MODEL)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "model.py"))
    assert result.exit_code == 0, result.stdout


NET = """\
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, width=8):
        super().__init__()
        self.body = nn.Linear(width, 2)

    def forward(self, x):
        return self.body(x)

    @classmethod
    def from_checkpoint(cls, path, **kwargs):
        model = cls(**kwargs)
        model.load_state_dict(torch.load(path, map_location="cpu"))
        return model
"""

RESUME = """\
import torch

from net import Net


def resume(path, batches):
    model = Net.from_checkpoint(path, width=8)
    optimizer = torch.optim.Adam(model.parameters())
    optimizer.load_state_dict(torch.load(path + ".opt", map_location="cpu"))
    model.cuda()
    for x in batches:
        model(x.cuda()).sum().backward()
        optimizer.step()
"""


def test_a_model_another_files_classmethod_builds_is_followed(tmp_path: Path) -> None:
    (tmp_path / "net.py").write_text(NET)
    (tmp_path / "resume.py").write_text(RESUME)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "resume.py"))
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{tmp_path / 'resume.py'}:10:5: TL207 `model` is moved to cuda here, but "
        "`optimizer` loaded its state at line 9 while the parameters were on the CPU"
    )
    same_without_screen(tmp_path / "resume.py")
