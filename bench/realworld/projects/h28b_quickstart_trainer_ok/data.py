# source: https://github.com/allenai/allennlp/issues/5186
# error: RuntimeError: Input, output and indices must be on the current device
# pattern: module-not-placed
# shape: multi-file, helper
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader


class Vocabulary:
    def __init__(self):
        self.tokens = {"@@PADDING@@": 0, "@@UNKNOWN@@": 1}
        self.labels = {}

    def index(self, words, grow=True):
        if grow:
            return [self.tokens.setdefault(w, len(self.tokens)) for w in words]
        return [self.tokens.get(w, 1) for w in words]


def read_tsv(path, vocab, grow=True):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return [(vocab.index(text.lower().split(), grow), vocab.labels.setdefault(lab, len(vocab.labels)))
            for text, lab in rows]


def collate(rows):
    width = max(len(ids) for ids, _ in rows)
    return {
        "tokens": torch.tensor([ids + [0] * (width - len(ids)) for ids, _ in rows]),
        "label": torch.tensor([lab for _, lab in rows]),
    }


def build_loaders(train_path, dev_path, vocab, batch_size=8):
    train = read_tsv(train_path, vocab)
    dev = read_tsv(dev_path, vocab, grow=False)
    return (DataLoader(train, batch_size=batch_size, shuffle=True, collate_fn=collate),
            DataLoader(dev, batch_size=batch_size, collate_fn=collate))
