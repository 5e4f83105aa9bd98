# The pairs are Python numbers (`.item()`): nothing on the GPU is converted.
import numpy as np
import torch
from torch import nn


def roc_points(model, batches, device):
    pairs = []
    with torch.no_grad():
        for x, y in batches:
            scores = model(x.to(device)).sigmoid().squeeze(-1)
            for score, label in zip(scores, y.to(device)):
                pairs.append((score.item(), label.item()))
    scores, labels = map(np.asarray, zip(*pairs))
    order = np.argsort(-scores)
    return np.cumsum(labels[order]) / max(labels.sum(), 1)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = nn.Linear(4, 1).to(device)
    data = [(torch.randn(8, 4), torch.randint(0, 2, (8,))) for _ in range(3)]
    print(roc_points(model, data, device))
