# The same hook, with the targets made on the module's device.
import lightning as L
import torch
from torch import nn


class DualEncoder(L.LightningModule):
    def __init__(self, dim=64):
        super().__init__()
        self.query = nn.Linear(dim, dim)
        self.doc = nn.Linear(dim, dim)
        self.loss_fn = nn.CrossEntropyLoss()

    def forward(self, q, d):
        return self.query(q) @ self.doc(d).t()

    def training_step(self, batch, batch_idx):
        scores = self(batch["q"], batch["d"])
        target = torch.arange(scores.size(0), device=self.device)
        return self.loss_fn(scores, target)


class Probe(nn.Module):
    # a plain module's training_step is no hook anyone calls with a moved batch
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(8, 2)
        self.loss_fn = nn.CrossEntropyLoss()

    def training_step(self, batch, batch_idx):
        target = torch.zeros(batch.size(0), dtype=torch.long)
        return self.loss_fn(self.head(batch), target)


class Poet(L.LightningModule):
    # the starting state made on the module's device
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.gru = nn.GRU(dim, dim, batch_first=True)
        self.head = nn.Linear(dim, vocab)

    def forward(self, ids, state):
        out, state = self.gru(self.embed(ids), state)
        return self.head(out), state

    def training_step(self, batch, batch_idx):
        ids, next_ids = batch
        state = torch.zeros(1, ids.size(0), 32, device=self.device)
        logits, _ = self(ids, state)
        return nn.functional.cross_entropy(logits.transpose(1, 2), next_ids)
