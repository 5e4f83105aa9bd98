# source: https://openillumi.com/en/en-pytorch-device-mismatch-fix
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Factorization-machine click-through-rate model with sparse field embeddings."""
import torch
import torch.nn as nn


class FactorizationMachine(nn.Module):
    def __init__(self, field_dims, embed_dim=16):
        super().__init__()
        total = sum(field_dims)
        offsets = torch.tensor([0] + list(field_dims[:-1])).cumsum(0)
        self.register_buffer("offsets", offsets)
        self.linear = nn.Embedding(total, 1)
        self.embedding = nn.Embedding(total, embed_dim)
        self.bias = nn.Parameter(torch.zeros(1))
        nn.init.xavier_uniform_(self.embedding.weight)

    def forward(self, fields):
        # fields: (B, n_fields) integer ids, one per field
        idx = fields + self.offsets
        linear = self.linear(idx).sum(dim=1).squeeze(-1) + self.bias
        emb = self.embedding(idx)
        square_of_sum = emb.sum(dim=1).pow(2)
        sum_of_square = emb.pow(2).sum(dim=1)
        pairwise = 0.5 * (square_of_sum - sum_of_square).sum(dim=1)
        return linear + pairwise
