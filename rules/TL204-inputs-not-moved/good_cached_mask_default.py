# The forward passes the device of its tokens: the mask is made there.
import functools

import torch
from torch import nn


@functools.lru_cache(maxsize=8)
def square_mask(size, device=torch.device("cpu")):
    return torch.triu(torch.full((size, size), float("-inf"), device=device), diagonal=1)


class Forecaster(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.embed = nn.Linear(1, dim)
        layer = nn.TransformerEncoderLayer(dim, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)

    def forward(self, series):
        tokens = self.embed(series.unsqueeze(-1))
        mask = square_mask(tokens.size(1), tokens.device)
        return self.encoder(tokens, mask=mask)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = Forecaster().to(device)
    print(model(torch.randn(4, 16, device=device)).shape)
