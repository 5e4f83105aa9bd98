"""Classes of another file of the project. A module class kept in a plain container
(TL302): ``from metrics import Accuracy`` then ``self.metrics = {"acc": Accuracy()}``
leaves the metric's buffers out of ``.to()``, as a class of the same file would; the
screen keeps the unit (a capitalized name another file of the project may define as
a module). And a model built by that file's classmethod (``Net.from_checkpoint(path)``)
is the class's module, followed there (TL207); a module cast on a branch and handed to
that file's wrapper keeps its dtype in the wrapper's forward (TL107). The findings are
the same with the screen on and off. A layer made anew inside that file's forward
is reported there when the run lints it (TL211)."""

from __future__ import annotations

from pathlib import Path

import pytest
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


BOXES = """\
import torch


def make_priors(sizes, image_size=300):
    priors = []
    for fm in sizes:
        for i in range(fm):
            priors.append([(i + 0.5) / fm, 0.5, 30 / image_size, 30 / image_size])
    priors = torch.tensor(priors, dtype=torch.float32)
    return priors.clamp_(0.0, 1.0)


def decode(locations, priors):
    return locations[..., :2] * priors[..., 2:] + priors[..., :2]
"""

DETECTOR = """\
from torch import nn

import boxes


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.loc = nn.Conv2d(64, 16, 3, padding=1)
        self.priors = boxes.make_priors([19, 10])

    def forward(self, feats):
        return boxes.decode(self.loc(feats), self.priors)
"""


def test_a_tensor_another_files_helper_returns_kept_as_a_plain_attribute(tmp_path: Path) -> None:
    # (TL301: the helper is read in its own file; the message names its line there)
    (tmp_path / "boxes.py").write_text(BOXES)
    (tmp_path / "detector.py").write_text(DETECTOR)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "detector.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'detector.py'}:10:9: TL301 `self.priors` is a plain tensor attribute "
        "(the CPU tensor `make_priors()` returns at line 10 of boxes.py), not a buffer: "
        "`.to(device)` and `.half()` leave it on the CPU in its dtype (used at line 13); "
        'register it with `self.register_buffer("priors", ..., persistent=False)`'
    ]
    same_without_screen(tmp_path / "detector.py")
    registered = DETECTOR.replace(
        "self.priors = boxes.make_priors([19, 10])",
        'self.register_buffer("priors", boxes.make_priors([19, 10]), persistent=False)',
    )
    (tmp_path / "detector.py").write_text(registered)
    assert invoke("--isolated", "--no-cache", str(tmp_path / "detector.py")).exit_code == 0


SEGNET = """\
from torch import nn


class SegNet(nn.Module):
    def __init__(self, width=16):
        super().__init__()
        self.width = width
        self.head = nn.Sequential(nn.Conv3d(1, width, 3, padding=1))

    def forward(self, x):
        return self.head(x)

    def load(self, state):
        self.head.add_module("out", nn.Conv3d(self.width, state["n"], 1))
        self.load_state_dict(state)
"""

PREDICTOR = """\
import torch

from segnet import SegNet


class Predictor:
    def __init__(self, device="cuda"):
        self.device = torch.device(device)
        self.network = SegNet().to(self.device)

    def _swap(self, path):
        self.network.load(torch.load(path, map_location=self.device))

    def predict(self, volume, path):
        self._swap(path)
        return self.network(volume.to(self.device))
"""


def test_a_method_of_another_files_module_held_by_a_plain_class(tmp_path: Path) -> None:
    # (TL202: the network, placed in __init__, gets a new layer from its own method,
    # called in another method; reported once, at the call nearest the attachment)
    (tmp_path / "segnet.py").write_text(SEGNET)
    (tmp_path / "predictor.py").write_text(PREDICTOR)
    result = invoke("--isolated", "--no-cache", str(tmp_path / "predictor.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'predictor.py'}:12:9: TL202 this call attaches a new module to "
        "`self.network` (line 14 of segnet.py) after `self.network` was moved to "
        "`self.device` at line 9, and `self.network` is not moved again: the new weights "
        "stay on the CPU; make this call before the move, or move the model again after it"
    ]
    same_without_screen(tmp_path / "predictor.py")


SPOTTER = """\
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        return torch.relu(self.proj(x))


class Spotter(nn.Module):
    def __init__(self, encoder, dim=32, n=4):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(dim, n)

    def forward(self, x):
        states = self.encoder(x)
        return self.head(states)
"""

SPOT = """\
import argparse

import torch

from spotter import Encoder, Spotter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fp16", action="store_true")
    args = parser.parse_args()
    encoder = Encoder()
    if args.fp16:
        encoder = encoder.half()
    model = Spotter(encoder).to("cuda")
    x = torch.randn(2, 32, device="cuda")
    if args.fp16:
        x = x.half()
    return model(x)
"""


def test_a_submodule_cast_on_a_branch_keeps_its_dtype_in_another_files_wrapper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (TL107: the encoder, half on the branch, is handed to Spotter, whose .to() only
    # moves it; its states meet the float32 head in spotter.py. Linted together, the
    # finding is spotter.py's; spot.py alone reports it at its call.)
    (tmp_path / "spotter.py").write_text(SPOTTER)
    (tmp_path / "spot.py").write_text(SPOT)
    monkeypatch.chdir(tmp_path)
    both = invoke("-q", "--isolated", "--no-cache", "--select", "TL107", ".")
    assert both.stdout.splitlines() == [
        "spotter.py:22:26: TL107 `states` is float16 in the run that takes the branch of "
        "line 14 of spot.py, and `self.head` is float32: that run fails ('mat1 and mat2 "
        "must have the same dtype'); cast it with `.float()` here, or keep both in one "
        "dtype on that branch (reached from line 19 of spot.py)"
    ]
    alone = invoke("-q", "--isolated", "--no-cache", "--select", "TL107", "spot.py")
    assert alone.stdout.splitlines() == [
        "spot.py:19:12: TL107 `states` is float16 in the run that takes the branch of line "
        "14, and `self.head` at line 22 of spotter.py is float32: that run fails ('mat1 and "
        "mat2 must have the same dtype'); cast it with `.float()` there, or keep both in one "
        "dtype on that branch"
    ]
    same_without_screen(tmp_path / "spot.py")
    # The whole model cast on that branch: the head is float16 there too.
    whole = SPOT.replace('.to("cuda")\n', '.to("cuda")\n    if args.fp16:\n        model.half()\n')
    (tmp_path / "spot.py").write_text(whole)
    assert invoke("-q", "--isolated", "--no-cache", "--select", "TL107", ".").stdout == ""


NECK = """\
import torch
from torch import nn


class Neck(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.width = width
        self.stem = nn.Conv2d(3, 16, 3, stride=2)

    def forward(self, images):
        feats = [self.stem(images)]
        outs = []
        for feat in feats:
            lateral = nn.Conv2d(feat.size(1), self.width, kernel_size=1)
            outs.append(lateral(feat))
        return outs
"""

FIT = """\
import torch

from neck import Neck


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Neck().to(device)
    print(model(torch.randn(2, 3, 64, 64, device=device))[0].shape)


if __name__ == "__main__":
    main()
"""


def test_a_layer_made_inside_another_files_forward_is_reported_there(tmp_path: Path) -> None:
    """The lateral convolution is made anew in the forward of neck.py, on the CPU,
    while the model that fit.py moves runs its input on the GPU: linted together, the
    finding lands on the line in neck.py that makes the layer, reached from fit.py."""
    (tmp_path / "neck.py").write_text(NECK)
    (tmp_path / "fit.py").write_text(FIT)
    result = invoke("--isolated", "--no-cache", "-q", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'neck.py'}:15:23: TL211 `nn.Conv2d` is made inside `forward` (on the "
        "CPU, anew at every call), so moving the model at line 8 of fit.py leaves it behind, "
        "while its input `feat` lives on the GPU with the model's layers: the call at line 16 "
        "fails with 'Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) "
        "should be the same'; make it once in `__init__`, as an attribute of the module, so "
        "that the model's move takes it along (reached from line 9 of fit.py)"
    ]
    same_without_screen(tmp_path / "fit.py")


SPEECH = """\
import torch
from torch import nn


class Vocoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(80, 1, 3, padding=1)

    def forward(self, mel):
        return self.conv(mel)


class Synthesizer:
    def __init__(self, vocoder):
        self.vocoder = vocoder

    @classmethod
    def load(cls, path, half=True):
        vocoder = Vocoder()
        vocoder.load_state_dict(torch.load(path, map_location="cpu"))
        dtype = torch.float16 if half else torch.float32
        return cls(vocoder.to("cuda", dtype))

    def speak(self, mel):
        return self.vocoder(mel.to("cuda"))
"""

SPEAK = """\
import torch

from speech import Synthesizer

synth = Synthesizer.load("vocoder.pt", half=True)
mel = torch.randn(1, 80, 200)
print(synth.speak(mel).shape)
"""


def test_a_cast_in_another_files_classmethod_reaches_the_screen(tmp_path: Path) -> None:
    """``Synthesizer.load(...)`` names a classmethod of another file of the project:
    the screen reads that class's tags (the half cast) for the script, as the flow
    analysis follows the call, so the float32 input reaching the float16 vocoder is
    reported with the screen on as with it off."""
    (tmp_path / "speech.py").write_text(SPEECH)
    (tmp_path / "speak.py").write_text(SPEAK)
    result = invoke("--isolated", "--no-cache", "-q", str(tmp_path / "speak.py"))
    assert result.exit_code == 1
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        [f"{tmp_path / 'speak.py'}:6:7:", "TL107"]
    ]
    same_without_screen(tmp_path / "speak.py")


CRITICS = """\
from torch import nn


def mlp(n_in, n_out):
    return nn.Sequential(nn.Linear(n_in, 64), nn.ReLU(), nn.Linear(64, n_out))


class Critic(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.q = mlp(n_in, 1)

    def forward(self, x):
        return self.q(x)
"""

OFFLINE = """\
import torch
from torch import nn

from critics import Critic


class Agent(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.critic = Critic(n_in)
        self.target = None


device = torch.device("cuda")
agent = Agent(8).to(device)
agent.target = Critic(8)
print(agent.target(torch.randn(4, 8, device=device)))
"""


def test_another_files_module_attached_after_placement_reaches_the_screen(
    tmp_path: Path,
) -> None:
    """``agent.target = Critic(8)`` after ``agent`` moved: a class of another file of
    the project, whose weights a helper there builds, attached late (TL202), found
    with the screen on as with it off."""
    (tmp_path / "critics.py").write_text(CRITICS)
    (tmp_path / "offline.py").write_text(OFFLINE)
    result = invoke("--isolated", "--no-cache", "-q", str(tmp_path / "offline.py"))
    assert result.exit_code == 1
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        [f"{tmp_path / 'offline.py'}:16:1:", "TL202"]
    ]
    same_without_screen(tmp_path / "offline.py")


DETECTOR_FILE = """\
import torch
from torch import nn


def get_detector(path, device="cpu"):
    net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())
    net.load_state_dict(torch.load(path, map_location=device))
    if device != "cpu":
        net = nn.DataParallel(net)
    return net.eval()


def detect(net, image, device):
    return net(image.to(device))
"""

READER = """\
import torch

from detector import detect, get_detector

device = "cuda" if torch.cuda.is_available() else "cpu"
net = get_detector("craft.pth", device)
print(detect(net, torch.rand(1, 3, 64, 64), device).shape)
"""


def test_a_dataparallel_wrap_in_another_file_called_from_this_one(tmp_path: Path) -> None:
    """The module another file wraps in DataParallel on the CPU (its weights only
    loaded with ``map_location``) is called through a helper from this file: the
    wrap is reported in that file, naming the call here (TL203)."""
    (tmp_path / "detector.py").write_text(DETECTOR_FILE)
    (tmp_path / "reader.py").write_text(READER)
    result = invoke("--isolated", "--no-cache", "-q", str(tmp_path))
    assert result.exit_code == 1
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        [f"{tmp_path / 'detector.py'}:9:15:", "TL203"]
    ]
    same_without_screen(tmp_path / "reader.py")
