# source: https://github.com/tatp22/linformer-pytorch/issues/22
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: type-cast-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn

from linformer import MHAttention


class LinformerBlock(nn.Module):
    def __init__(self, channels, input_size, nhead, dim_k, dim_ff, dropout):
        super().__init__()
        self.attn = MHAttention(channels, input_size, nhead, dim_k, dropout)
        self.ln1 = nn.LayerNorm(channels)
        self.ff = nn.Sequential(nn.Linear(channels, dim_ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(dim_ff, channels))
        self.ln2 = nn.LayerNorm(channels)

    def forward(self, x):
        x = self.ln1(x + self.attn(x))
        return self.ln2(x + self.ff(x))


class LinformerLM(nn.Module):
    def __init__(self, num_tokens, input_size, channels=128, nhead=4, dim_k=64, dim_ff=256, depth=2, dropout=0.1):
        super().__init__()
        self.tok_emb = nn.Embedding(num_tokens, channels)
        self.pos_emb = nn.Parameter(torch.zeros(1, input_size, channels))
        self.blocks = nn.ModuleList(
            [LinformerBlock(channels, input_size, nhead, dim_k, dim_ff, dropout) for _ in range(depth)]
        )
        self.to_logits = nn.Linear(channels, num_tokens)

    def forward(self, tokens):
        x = self.tok_emb(tokens) + self.pos_emb
        for block in self.blocks:
            x = block(x)
        return self.to_logits(x)
