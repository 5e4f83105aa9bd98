# The rows are copied to the host as they are collected: the columns hold CPU tensors.
import numpy as np
import torch
from torch import nn


class Indexer:
    def __init__(self, encoder: nn.Module, device) -> None:
        self.device = device
        self.encoder = encoder.to(device).eval()

    @torch.no_grad()
    def index(self, loader):
        rows = []
        for images, ids in loader:
            rows.append((self.encoder(images.to(self.device)).cpu(), ids))
        vectors, keys = (np.vstack(column) for column in zip(*rows))
        return vectors, keys


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = [(torch.randn(4, 16), torch.arange(4)) for _ in range(3)]
    print(Indexer(nn.Linear(16, 8), dev).index(data)[0].shape)
