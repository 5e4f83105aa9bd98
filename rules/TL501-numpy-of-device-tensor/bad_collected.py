import numpy as np
import torch


def propagate(adjacency, features, hops=2):
    # Each hop's features are kept, on the GPU, and averaged by numpy.
    layers = [features]
    for _ in range(hops):
        features = torch.sparse.mm(adjacency, features)
        layers.append(features)
    return np.mean(layers, axis=0)  # expect: TL501:12


def run():
    device = torch.device("cuda")
    adjacency = torch.eye(6).to_sparse().to(device)
    features = torch.randn(6, 4, device=device)
    return propagate(adjacency, features)
