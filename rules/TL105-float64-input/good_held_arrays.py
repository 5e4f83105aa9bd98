import numpy as np
import torch
import torch.nn as nn


class Measurements:
    def __init__(self, n=20, genes=12, seed=0):
        rng = np.random.default_rng(seed)
        self.counts = rng.poisson(3.0, size=(n, genes)).astype(np.float32)


class Projector(nn.Module):
    def __init__(self, genes=12):
        super().__init__()
        self.fc = nn.Linear(genes, 4)

    def forward(self, x):
        return self.fc(x)


class Annotator:
    def __init__(self, genes=12):
        self.model = Projector(genes)

    def annotate(self, data):
        x = torch.tensor(data.counts)
        with torch.no_grad():
            return self.model(x).argmax(-1)

    def annotate_any(self, data):
        x = torch.as_tensor(data.counts, dtype=torch.float32)
        with torch.no_grad():
            return self.model(x).argmax(-1)


if __name__ == "__main__":
    annotator = Annotator()
    print(annotator.annotate(Measurements()), annotator.annotate_any(Measurements()))
