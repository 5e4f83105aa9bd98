# Per-batch (embedding, id) pairs stacked column by column in a generator over
# zip(*rows): each column is a tuple of GPU tensors.
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
            rows.append((self.encoder(images.to(self.device)), ids.to(self.device)))
        vectors, keys = (np.vstack(column) for column in zip(*rows))  # expect: TL501:26
        return vectors, keys


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = [(torch.randn(4, 16), torch.arange(4)) for _ in range(3)]
    print(Indexer(nn.Linear(16, 8), dev).index(data)[0].shape)
