"""A fix writes only names that exist where it writes them, on every run: in a
method, a parameter or local of it, ``self``, or a name the module binds at its
top level; never a name only the script's ``if __name__ == "__main__":`` block (or
another method) binds, which importing the module does not run."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

MODEL = """\
import torch
from torch import nn

{top}

class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)

    def forward(self, n):
        ids = torch.arange(n)
        return self.embed(ids)


if __name__ == "__main__":
    {guarded}
    model = Decoder().to(device)
    print(model(3))
"""


@pytest.mark.parametrize(
    ("top", "guarded", "fixable"),
    [
        ('device = torch.device("cuda")', "pass", True),
        ("", 'device = torch.device("cuda")', False),
    ],
    ids=["module-level", "main-block-only"],
)
def test_a_fix_names_the_device_only_where_it_is_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, top: str, guarded: str, fixable: bool
) -> None:
    path = tmp_path / "decoder.py"
    path.write_text(MODEL.format(top=top, guarded=guarded))
    monkeypatch.chdir(tmp_path)
    found = invoke("--no-cache", "--select", "TL204", "decoder.py")
    assert found.exit_code == 1
    assert "decoder.py:13:" in found.stdout
    diff = invoke("--no-cache", "--select", "TL204", "--diff", "decoder.py").stdout
    assert ("+        return self.embed(ids.to(device))" in diff) is fixable


BATCH_DICT = """\
import numpy as np
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 4)

    def forward(self, batch):
        return self.fc(batch["x"])


def main():
    model = Net()
    batch = {"x": torch.from_numpy(np.random.rand(3, 2))}
    return model(batch)
"""


def test_a_float64_entry_of_a_dict_gets_no_cast_of_the_dict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (`model(batch.float())` would raise AttributeError: a dict has no .float())
    (tmp_path / "net.py").write_text(BATCH_DICT)
    monkeypatch.chdir(tmp_path)
    found = invoke("--no-cache", "--select", "TL105", "net.py")
    assert found.exit_code == 1
    assert "net.py:17:" in found.stdout
    assert "convert each of its tensors with `.float()`" in found.stdout
    diff = invoke("--no-cache", "--select", "TL105", "--diff", "--unsafe-fixes", "net.py")
    assert "batch.float()" not in diff.stdout


def test_a_batch_filled_by_key_in_a_loop_gets_no_safe_cast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A benchmark case (a batch dict whose entries a loop moves one by one, handed to
    # a model of another file): where the walk has no value for `data` at the call,
    # `data.float()` may cast a dict, so the fix is unsafe only.
    project = Path(__file__).parents[1] / "bench/realworld/projects/h66b_pose_assoc_float64"
    for source in project.glob("*.py"):
        (tmp_path / source.name).write_text(source.read_text())
    monkeypatch.chdir(tmp_path)
    found = invoke("--no-cache", "--select", "TL105", "train.py")
    assert found.exit_code == 1
    assert "train.py:25:" in found.stdout
    safe = invoke("--no-cache", "--select", "TL105", "--diff", "train.py")
    assert "data.float()" not in safe.stdout
    unsafe = invoke("--no-cache", "--select", "TL105", "--diff", "--unsafe-fixes", "train.py")
    assert "data.float()" in unsafe.stdout
