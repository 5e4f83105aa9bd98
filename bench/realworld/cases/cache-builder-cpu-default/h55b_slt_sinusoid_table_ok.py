# source: https://github.com/pytorch/benchmark/pull/1766
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper, loader-loop
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Gloss-free sign language translation encoder over per-frame visual features."""
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def build_sinusoid_table(max_len, dim, device=None):
    pos = torch.arange(max_len, dtype=torch.float32, device=device).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32, device=device) * (-math.log(10000.0) / dim))
    table = torch.zeros(max_len, dim, device=device)
    table[:, 0::2] = torch.sin(pos * div)
    table[:, 1::2] = torch.cos(pos * div)
    return table


class SignFeatureEncoder(nn.Module):
    def __init__(self, feat_dim=1024, d_model=512, max_len=256):
        super().__init__()
        self.proj = nn.Linear(feat_dim, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=8, dim_feedforward=1024, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=3)
        self.pe_table = build_sinusoid_table(max_len, d_model)

    def positional(self, x):
        t = x.shape[1]
        if t > self.pe_table.shape[0]:
            self.pe_table = build_sinusoid_table(2 * t, x.shape[-1], device=x.device)
        return self.pe_table[:t].to(device=x.device, dtype=x.dtype)

    def forward(self, feats, pad_mask):
        x = self.proj(feats)
        x = x + self.positional(x)
        return self.encoder(x, src_key_padding_mask=pad_mask)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    feats = torch.randn(64, 300, 1024)
    lengths = torch.randint(120, 300, (64,))
    pad_mask = torch.arange(300)[None, :] >= lengths[:, None]
    loader = DataLoader(TensorDataset(feats, pad_mask), batch_size=8)
    model = SignFeatureEncoder().to(device).eval()
    with torch.no_grad():
        for x, mask in loader:
            out = model(x.to(device), mask.to(device))
            print(out.shape, out.device)


if __name__ == "__main__":
    main()
