# Token embeddings plus sinusoidal positions for a cached decoder: the positions are
# counted with `torch.arange` of ints (int64) and multiplied with the float32
# frequency buffer by `@`, which does not promote.
import torch
from torch import nn


class Positions(nn.Module):
    def __init__(self, vocab, dim):
        super().__init__()
        self.table = nn.Embedding(vocab, dim)
        self.register_buffer("freqs", 1.0 / 10000 ** (torch.arange(0, dim, 2) / dim))

    def forward(self, ids, past=None):
        start = past.size(1) if past is not None else 0
        steps = torch.arange(start, start + ids.size(1), device=ids.device)  # expect: TL109:17 lines=17
        angles = steps[:, None] @ self.freqs[None, :]
        return self.table(ids) + torch.cat([angles.sin(), angles.cos()], -1)


def embed(batch_size=8, length=32):
    return Positions(1000, 64)(torch.randint(0, 1000, (batch_size, length)))
