# source: https://github.com/clairett/pytorch-sentiment-classification/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument indices in method wrapper_CUDA___embedding_bag)
# pattern: inputs-not-moved
# shape: loader-loop, batch-dict, helper
# bug-lines: 62
# needs: torch
# cpu: no written where torch was not installed; not run
import csv
import re
from collections import Counter

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

TOKEN_RE = re.compile(r"[a-z0-9']+")


def tokenize(text):
    return TOKEN_RE.findall(text.lower())


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [(int(r["label"]) - 1, r["title"] + " " + r["description"]) for r in csv.DictReader(f)]


def build_vocab(rows, min_freq=2):
    counts = Counter(tok for _, text in rows for tok in tokenize(text))
    itos = ["<unk>"] + [t for t, c in counts.most_common() if c >= min_freq]
    return {t: i for i, t in enumerate(itos)}


def make_collate(vocab):
    def collate_batch(batch):
        labels, ids, offsets = [], [], [0]
        for label, text in batch:
            toks = [vocab.get(t, 0) for t in tokenize(text)] or [0]
            labels.append(label)
            ids.append(torch.tensor(toks, dtype=torch.int64))
            offsets.append(len(toks))
        return torch.tensor(labels), torch.cat(ids), torch.tensor(offsets[:-1]).cumsum(dim=0)
    return collate_batch


class NewsClassifier(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, mode="mean")
        self.fc = nn.Linear(embed_dim, num_class)

    def forward(self, text, offsets):
        return self.fc(self.embedding(text, offsets))


def train_epoch(model, loader, optimizer, criterion, device):
    model.train()
    correct = seen = 0
    for label, text, offsets in loader:
        label = label.to(device)
        optimizer.zero_grad()
        predicted = model(text, offsets)
        loss = criterion(predicted, label)
        loss.backward()
        optimizer.step()
        correct += (predicted.argmax(1) == label).sum().item()
        seen += label.size(0)
    return correct / seen


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rows = read_rows("ag_news_train.csv")
    vocab = build_vocab(rows)
    loader = DataLoader(rows, batch_size=64, shuffle=True, collate_fn=make_collate(vocab))
    model = NewsClassifier(len(vocab), 64, 4).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=5.0)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(10):
        print(epoch, train_epoch(model, loader, optimizer, criterion, device))
