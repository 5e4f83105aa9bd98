import torch
from torch import nn


class AlibiBias(nn.Module):
    # The bias table is built by a helper whose device defaults to the CPU; the caller
    # asks only for the query's dtype, so `.type(dtype)` converts it and leaves it there
    # (the call that leaves the default is the line to change).
    def table(self, length, device="cpu", dtype=torch.float32):
        slopes = torch.arange(1, 5, device=device).float().neg()
        positions = torch.arange(length, device=device).float()
        return (slopes[:, None] * positions[None, :]).type(dtype)


def biased_scores(alibi, scores):
    bias = alibi.table(scores.shape[-1], dtype=scores.dtype)  # expect: TL204:12 lines=10,31,17
    return scores + bias


class BiasedAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.scores = nn.Linear(16, 16)
        self.alibi = AlibiBias()

    def forward(self, x):
        return biased_scores(self.alibi, self.scores(x))


def score_script(device):
    model = BiasedAttention().to(device)
    return model(torch.randn(4, 16, device=device))
