# source: https://github.com/facebookresearch/fairseq/issues/4420
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 38, 45, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fixed sinusoidal position embeddings that grow on demand."""
import math

import torch
import torch.nn as nn


def sinusoidal_table(num_embeddings, dim, padding_idx=None):
    half = dim // 2
    scale = math.log(10000) / (half - 1)
    freqs = torch.exp(torch.arange(half, dtype=torch.float) * -scale)
    angles = torch.arange(num_embeddings, dtype=torch.float).unsqueeze(1) * freqs.unsqueeze(0)
    table = torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)
    if dim % 2 == 1:
        table = torch.cat([table, torch.zeros(num_embeddings, 1)], dim=1)
    if padding_idx is not None:
        table[padding_idx, :] = 0
    return table


def make_positions(tokens, padding_idx):
    mask = tokens.ne(padding_idx).int()
    return (torch.cumsum(mask, dim=1).type_as(mask) * mask).long() + padding_idx


class SinusoidalPositionalEmbedding(nn.Module):
    def __init__(self, dim, padding_idx, init_size=1024):
        super().__init__()
        self.dim = dim
        self.padding_idx = padding_idx
        self.weights = sinusoidal_table(init_size, dim, padding_idx)
        self.max_positions = int(1e5)

    def forward(self, tokens):
        bsz, seq_len = tokens.shape
        max_pos = self.padding_idx + 1 + seq_len
        if max_pos > self.weights.size(0):
            self.weights = sinusoidal_table(max_pos, self.dim, self.padding_idx)
        positions = make_positions(tokens, self.padding_idx)
        flat = self.weights.index_select(0, positions.view(-1))
        return flat.view(bsz, seq_len, -1).detach()
