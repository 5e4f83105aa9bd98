# source: https://github.com/sebsk/CS224N-Project/pull/2
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, helper, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import csv
import re
from collections import Counter

import numpy as np
import torch
from torch.utils.data import Dataset

LABELS = ["normal", "offensive", "hateful"]
TOKEN_RE = re.compile(r"[#@]?\w+|[^\w\s]")


def tokenize(text):
    return TOKEN_RE.findall(text.lower())


def read_tweets(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["tweet"] for r in rows], [LABELS.index(r["label"]) for r in rows]


def build_vocab(texts, min_count=2):
    counts = Counter(tok for t in texts for tok in tokenize(t))
    itos = ["<pad>", "<unk>"] + sorted(w for w, c in counts.items() if c >= min_count)
    return {w: i for i, w in enumerate(itos)}


def label_weights(labels, num_classes=len(LABELS)):
    """Inverse-frequency weights, normalised so they average to 1."""
    counts = np.bincount(np.asarray(labels), minlength=num_classes)
    weights = counts.sum() / (num_classes * np.maximum(counts, 1))
    return weights / weights.mean()


class TweetDataset(Dataset):
    def __init__(self, texts, labels, vocab, max_len=64):
        self.texts, self.labels = texts, labels
        self.vocab, self.max_len = vocab, max_len

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, idx):
        ids = [self.vocab.get(t, 1) for t in tokenize(self.texts[idx])][: self.max_len]
        ids += [0] * (self.max_len - len(ids))
        return torch.tensor(ids), torch.tensor(self.labels[idx])
