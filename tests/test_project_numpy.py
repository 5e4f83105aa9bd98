"""A conversion to numpy in another file of the project, reached from a call of the
linted file: the finding lands on that call (what the rules can visit), names the
argument that carries the tensor there, and has no fix; where the run lints the other
file too, on the conversion there, as for a function of the same file. (Its fix once rewrote the
call's first argument, a file name, into `(name + ".npy").detach().cpu()`, and again
on every `--fix` pass.)"""

from __future__ import annotations

from pathlib import Path

from conftest import invoke

UTILS = """\
import numpy as np
import torch.nn.functional as F


def save_mask(path, img, h, w):
    img = F.interpolate(img[None, None], size=(h, w), mode="bilinear")[0, 0]
    np.save(path, img.data.numpy())
"""

PREDICT = """\
import torch
from torch import nn

from utils import save_mask


def main(names):
    net = nn.Conv2d(1, 1, 3, padding=1).to("cuda")
    for name in names:
        mask = net(torch.rand(1, 1, 8, 8).to("cuda"))
        save_mask(name + ".npy", mask.squeeze(), 16, 16)
"""


def test_a_conversion_in_another_file_is_reported_at_the_call_without_a_fix(
    tmp_path: Path,
) -> None:
    (tmp_path / "utils.py").write_text(UTILS)
    (tmp_path / "predict.py").write_text(PREDICT)
    result = invoke("--select", "TL501", "--isolated", "--no-cache", str(tmp_path / "predict.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'predict.py'}:11:9: TL501 this call hands `mask.squeeze()`, on a GPU, to "
        "`save_mask` in another file, which converts it to numpy: 'can't convert cuda:0 "
        "device type tensor to numpy'; hand it over with `.detach().cpu()`, or copy it to "
        "the host there"
    )
    fixed = invoke(
        "--select", "TL501", "--isolated", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path)
    )
    assert fixed.exit_code == 1
    assert (tmp_path / "predict.py").read_text() == PREDICT


def test_a_conversion_of_what_a_call_hands_over_is_reported_there_when_both_are_linted(
    tmp_path: Path,
) -> None:
    # As for a function of the same file: the conversion is the line to change.
    (tmp_path / "utils.py").write_text(UTILS)
    (tmp_path / "predict.py").write_text(PREDICT)
    result = invoke("--select", "TL501", "--isolated", "--no-cache", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'utils.py'}:7:19: TL501 this converts a tensor on a GPU to numpy: "
        "'can't convert cuda:0 device type tensor to numpy'; copy it to the host first with "
        "`.detach().cpu()` (reached from line 11 of predict.py)"
    ]


PLOTS = """\
import numpy as np


def heatmap(model, image):
    # Puts the image on the model's device itself, then converts what comes out.
    out = model(image.to("cuda"))
    return np.asarray(out[0])
"""

SHOW = """\
from torch import nn

from plots import heatmap


def show(image):
    model = nn.Conv2d(3, 1, 3, padding=1).to("cuda")
    return heatmap(model, image)
"""


def test_a_conversion_wholly_in_another_file_is_reported_there_when_both_are_linted(
    tmp_path: Path,
) -> None:
    # Nothing show.py hands over is wrong: the line to change is the conversion in
    # plots.py, which a run linting both files reports there (naming the call that
    # led to it), once; show.py linted alone reports its call.
    (tmp_path / "plots.py").write_text(PLOTS)
    (tmp_path / "show.py").write_text(SHOW)
    both = invoke("--select", "TL501", "--isolated", "--no-cache", "-q", str(tmp_path))
    assert both.exit_code == 1
    assert both.stdout.splitlines() == [
        f"{tmp_path / 'plots.py'}:7:12: TL501 this converts a tensor on a GPU to numpy: "
        "'can't convert cuda:0 device type tensor to numpy'; copy it to the host first "
        "with `.detach().cpu()` (reached from line 8 of show.py)"
    ]
    alone = invoke("--select", "TL501", "--isolated", "--no-cache", str(tmp_path / "show.py"))
    assert alone.stdout.splitlines()[0] == (
        f"{tmp_path / 'show.py'}:8:12: TL501 `heatmap` in another file puts a tensor on a "
        "GPU and converts it to numpy: 'can't convert cuda:0 device type tensor to numpy'; "
        "copy it to the host there with `.detach().cpu()`"
    )


LAYERS = """\
import numpy as np
import torch.nn.functional as F
from torch import nn


class ItemConv(nn.Module):
    def __init__(self, layers=2, size=16):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(size, size) for _ in range(layers)])

    def forward(self, embedding):
        final = [embedding]
        for layer in self.layers:
            final.append(F.normalize(layer(final[-1]), dim=-1))
        return np.sum(final, 0) / (len(self.layers) + 1)
"""

RECOMMEND = """\
import torch
from torch import nn

from layers import ItemConv


class Recommender(nn.Module):
    def __init__(self, n_items=100, size=16):
        super().__init__()
        self.embedding = nn.Embedding(n_items, size)
        self.conv = ItemConv(2, size)

    def forward(self, items):
        return self.conv(self.embedding.weight)[items].sum(1)


def main(batches):
    model = Recommender().to("cuda")
    for items in batches:
        print(model(items.to("cuda")))
"""


def test_a_list_converted_in_another_file_is_reported_there_or_at_the_call(
    tmp_path: Path,
) -> None:
    # (a numpy function of a list of the model's GPU tensors in another file: that
    # line when the run lints the file, else the call here, never naming the call's
    # argument as the list)
    (tmp_path / "layers.py").write_text(LAYERS)
    (tmp_path / "recommend.py").write_text(RECOMMEND)
    alone = invoke("--select", "TL501", "--isolated", "--no-cache", str(tmp_path / "recommend.py"))
    assert alone.stdout.splitlines()[0] == (
        f"{tmp_path / 'recommend.py'}:14:16: TL501 `self.conv` in another file converts a list of "
        "tensors on a GPU to numpy, which raises \"can't convert cuda:0 device type tensor to "
        'numpy"; add `.detach().cpu()` tensors to the list there'
    )
    both = invoke("--select", "TL501", "--isolated", "--no-cache", str(tmp_path))
    assert both.stdout.splitlines()[0].startswith(
        f"{tmp_path / 'layers.py'}:15:16: TL501 `final` holds tensors on a GPU"
    )
