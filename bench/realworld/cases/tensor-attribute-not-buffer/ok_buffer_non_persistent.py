# source: https://github.com/Lightning-AI/pytorch-lightning/issues/1978
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# cpu: clean
# needs: torch
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SinusoidalPositions(nn.Module):
    def __init__(self, dim, max_len=512):
        super().__init__()
        pos = torch.arange(max_len).unsqueeze(1)
        div = torch.exp(torch.arange(0, dim, 2) * (-math.log(10000.0) / dim))
        table = torch.zeros(max_len, dim)
        table[:, 0::2] = torch.sin(pos * div)
        table[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("table", table, persistent=False)

    def forward(self, x):
        return x + self.table[: x.size(1)]


class TinyEncoder(nn.Module):
    def __init__(self, vocab=100, dim=32, n_cls=3):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.pos = SinusoidalPositions(dim)
        self.layer = nn.TransformerEncoderLayer(dim, nhead=4, dim_feedforward=64, batch_first=True)
        self.cls = nn.Linear(dim, n_cls)

    def forward(self, ids):
        return self.cls(self.layer(self.pos(self.emb(ids))).mean(dim=1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyEncoder().to(device)
    data = TensorDataset(torch.randint(0, 100, (16, 10)), torch.randint(0, 3, (16,)))
    for ids, y in DataLoader(data, batch_size=4):
        loss = nn.functional.cross_entropy(model(ids.to(device)), y.to(device))
    print(loss.item())
