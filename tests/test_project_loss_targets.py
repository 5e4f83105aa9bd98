"""int32 tag ids padded by a collate function of data.py, batched in train.py and
handed to a model whose forward (model.py) computes the cross-entropy: with every file
linted, the finding is model.py's, on its loss; with the script linted alone, it lands
on the model call and names the loss's line in the other file."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke

DATA = """\
import numpy as np
import torch
from torch.utils.data import Dataset


class Tagged(Dataset):
    def __init__(self, rows):
        self.rows = rows

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        words, tags = self.rows[i]
        return torch.tensor(words), np.asarray(tags, dtype=np.int32)


def pad(batch):
    words, tags = zip(*batch)
    out = np.zeros((len(tags), max(len(t) for t in tags)), dtype=tags[0].dtype)
    for row, t in enumerate(tags):
        out[row, : len(t)] = t
    return torch.stack(words), torch.from_numpy(out)
"""

MODEL = """\
import torch.nn.functional as F
from torch import nn


class Tagger(nn.Module):
    def __init__(self, vocab, n_tags):
        super().__init__()
        self.embed = nn.Embedding(vocab, 64)
        self.head = nn.Linear(64, n_tags)

    def forward(self, words, tags):
        scores = self.head(self.embed(words))
        return F.cross_entropy(scores.flatten(0, 1), tags.flatten())
"""

TRAIN = """\
from torch.utils.data import DataLoader

from data import Tagged, pad
from model import Tagger


def train(rows, device):
    tagger = Tagger(1000, 17).to(device)
    for words, tags in DataLoader(Tagged(rows), batch_size=8, collate_fn=pad):
        loss = tagger(words.to(device), tags.to(device))
        loss.backward()
"""

_PROBLEM = (
    "needs int64 class indices: 'expected target dtype to be Long or Byte, but got Int'; "
    "pass `tags.flatten().long()`"
)


def _write(tmp_path: Path) -> None:
    (tmp_path / "data.py").write_text(DATA)
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "train.py").write_text(TRAIN)


def test_the_loss_in_the_model_file_is_the_finding(tmp_path: Path) -> None:
    _write(tmp_path)
    result = invoke("--select", "TL104", "--isolated", "--no-cache", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'model.py'}:13:16: TL104 `tags.flatten()` is int32 (made at line 23 "
        f"of data.py), but cross_entropy {_PROBLEM} (reached from line 10 of train.py)"
    ]


def test_linted_alone_the_script_names_the_loss_in_the_other_file(tmp_path: Path) -> None:
    _write(tmp_path)
    result = invoke("--select", "TL104", "--isolated", "--no-cache", str(tmp_path / "train.py"))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'train.py'}:10:16: TL104 `tags.flatten()` is int32 (made at line 23 "
        f"of data.py), but cross_entropy (line 13 of model.py) {_PROBLEM}"
    ]
