import numpy as np
import torch
from torch import nn


class LearnedPositions(nn.Module):
    def __init__(self, max_len: int, dim: int) -> None:
        super().__init__()
        self.pos_embed = nn.Embedding(max_len, dim)

    def forward(self, x):
        positions = torch.arange(x.size(1))  # expect: TL401:21 lines=13
        return x + self.pos_embed(positions)


class NoisyGate(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.gate = nn.Linear(dim, 4)

    def forward(self, hidden):
        logits = self.gate(hidden)
        noise = torch.randn(logits.shape)  # expect: TL401:17 lines=24
        return logits + noise


def relative_bias(self_len):
    return torch.arange(self_len)  # not in a module: no finding


class Masker(nn.Module):
    def forward(self, scores, lengths):
        mask = torch.from_numpy(np.tri(scores.size(-1)))  # expect: TL401:16 lines=34
        return scores.masked_fill(mask == 0, 0.0)
