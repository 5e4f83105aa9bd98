# source: https://github.com/LiamMaclean216/Pytorch-Transfomer/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 63, 64, 70, 73
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=2048):
        super().__init__()
        position = torch.arange(max_len).unsqueeze(1)
        div = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(position * div)
        pe[:, 1::2] = torch.cos(position * div)
        self.register_buffer("pe", pe.unsqueeze(0))

    def forward(self, x):
        return x + self.pe[:, : x.size(1)]


class EncoderBlock(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)

    def forward(self, x):
        x = self.norm1(x + self.attn(x, x, x, need_weights=False)[0])
        return self.norm2(x + self.ff(x))


class DecoderBlock(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.cross_attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))
        self.norms = nn.ModuleList(nn.LayerNorm(d_model) for _ in range(3))

    def forward(self, x, memory):
        x = self.norms[0](x + self.self_attn(x, x, x, need_weights=False)[0])
        x = self.norms[1](x + self.cross_attn(x, memory, memory, need_weights=False)[0])
        return self.norms[2](x + self.ff(x))


class LoadTransformer(nn.Module):
    """Encoder-decoder transformer predicting the next `horizon` hours of grid load."""

    def __init__(self, n_features, horizon, d_model=128, n_heads=4, n_enc=3, n_dec=2):
        super().__init__()
        self.horizon = horizon
        self.enc_in = nn.Linear(n_features, d_model)
        self.dec_in = nn.Linear(n_features, d_model)
        self.pos = PositionalEncoding(d_model)
        self.enc_layers = [EncoderBlock(d_model, n_heads) for _ in range(n_enc)]
        self.dec_layers = [DecoderBlock(d_model, n_heads) for _ in range(n_dec)]
        self.out = nn.Linear(d_model, 1)

    def forward(self, history):
        memory = self.pos(self.enc_in(history))
        for layer in self.enc_layers:
            memory = layer(memory)
        query = self.pos(self.dec_in(history[:, -self.horizon:]))
        for layer in self.dec_layers:
            query = layer(query, memory)
        return self.out(query).squeeze(-1)
