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
