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
