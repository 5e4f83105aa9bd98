# source: https://github.com/Lightning-AI/pytorch-lightning/pull/11886
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# bug-lines: 33
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class ClickThroughModule(nn.Module):
    """Wide embedding model; Adagrad is the usual choice for the sparse features."""

    def __init__(self, num_ids=100_000, emb_dim=32, dense_dim=13, lr=0.05):
        super().__init__()
        self.lr = lr
        self.embedding = nn.EmbeddingBag(num_ids, emb_dim, mode="sum")
        self.dense = nn.Linear(dense_dim, emb_dim)
        self.head = nn.Sequential(nn.Linear(2 * emb_dim, 64), nn.ReLU(), nn.Linear(64, 1))

    def forward(self, ids, offsets, dense):
        sparse = self.embedding(ids, offsets)
        return self.head(torch.cat([sparse, self.dense(dense)], dim=-1)).squeeze(-1)

    @staticmethod
    def compute_loss(logits, label):
        return F.binary_cross_entropy_with_logits(logits, label)

    def configure_optimizers(self):
        return torch.optim.Adagrad(self.parameters(), lr=self.lr, initial_accumulator_value=0.1)
