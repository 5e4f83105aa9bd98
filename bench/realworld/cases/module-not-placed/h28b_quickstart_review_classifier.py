# source: https://github.com/allenai/allennlp-guide/issues/169
# error: RuntimeError: Input, output and indices must be on the current device
# pattern: module-not-placed
# shape: helper, loader-loop, batch-dict
# bug-lines: 54, 73
# needs: torch
# cpu: no written where torch was not installed; not run
import csv
import sys

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class SimpleClassifier(nn.Module):
    def __init__(self, vocab_size, num_labels, dim=64):
        super().__init__()
        self.embedder = nn.EmbeddingBag(vocab_size, dim, mode="mean", padding_idx=0)
        self.classifier = nn.Linear(dim, num_labels)
        self.loss = nn.CrossEntropyLoss()

    def forward(self, tokens, label=None):
        logits = self.classifier(self.embedder(tokens))
        out = {"logits": logits}
        if label is not None:
            out["loss"] = self.loss(logits, label)
        return out


def read_tsv(path, vocab, labels):
    rows = []
    with open(path) as f:
        for text, lab in csv.reader(f, delimiter="\t"):
            ids = [vocab.setdefault(w, len(vocab)) for w in text.lower().split()][:128]
            rows.append((ids, labels.setdefault(lab, len(labels))))
    return rows


def collate(rows):
    width = max(len(ids) for ids, _ in rows)
    tokens = torch.tensor([ids + [0] * (width - len(ids)) for ids, _ in rows])
    return {"tokens": tokens, "label": torch.tensor([lab for _, lab in rows])}


def move_to_device(batch, device):
    return {k: v.to(device) for k, v in batch.items()}


def run_epoch(model, loader, optimizer, device):
    total = 0.0
    for batch in loader:
        batch = move_to_device(batch, device)
        out = model(**batch)
        optimizer.zero_grad()
        out["loss"].backward()
        optimizer.step()
        total += out["loss"].item()
    return total / max(len(loader), 1)


def build_trainer(model, loader, num_epochs=5, cuda_device=None):
    device = torch.device("cuda", cuda_device) if cuda_device is not None else torch.device("cpu")
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    for epoch in range(num_epochs):
        print(f"epoch {epoch}: loss {run_epoch(model, loader, optimizer, device):.4f}")


if __name__ == "__main__":
    vocab, labels = {"<pad>": 0}, {}
    train_rows = read_tsv(sys.argv[1], vocab, labels)
    loader = DataLoader(train_rows, batch_size=16, shuffle=True, collate_fn=collate)
    model = SimpleClassifier(len(vocab), len(labels))
    cuda_device = 0 if torch.cuda.is_available() else None
    build_trainer(model, loader, cuda_device=cuda_device)
