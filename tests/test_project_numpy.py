"""A conversion to numpy in another file of the project, reached from a call of the
linted file: the finding lands on that call (what the rules can visit), names the
argument that carries the tensor there, and has no fix. (Its fix once rewrote the
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
