# Lightning moves the module and each batch to the GPU before a step hook runs; a
# tensor the hook makes without a device stays on the CPU.
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
        target = torch.arange(scores.size(0))
        return self.loss_fn(scores, target)  # expect: TL204:37 lines=20,18


class HardNegatives(DualEncoder):
    # a subclass of the file's LightningModule: its hooks run placed too
    def validation_step(self, batch, batch_idx):
        scores = self(batch["q"], batch["d"])
        penalty = torch.eye(scores.size(0)) * 1e4  # expect: TL204:19 lines=29
        return (scores - penalty).max(dim=1).values


class Poet(L.LightningModule):
    # the hook makes the GRU's starting state and runs its own forward with it
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
        state = torch.zeros(1, ids.size(0), 32)  # expect: TL204:17 lines=47,41,44
        logits, _ = self(ids, state)
        return nn.functional.cross_entropy(logits.transpose(1, 2), next_ids)
