# A model's state_dict() holds its parameters and buffers where the model is: after
# the model was moved to the GPU, each entry must come back to the host first.
import numpy as np
import torch
from torch import nn


def build(device):
    net = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 4))
    return net.to(device).eval()


def dump_weights(net, path):
    weights = net.state_dict()
    arrays = {}
    for name in weights:
        arrays[name] = weights[name].numpy()  # expect: TL501:24 lines=10
    np.savez(path, **arrays)


def weight_norms(net):
    return {name: np.linalg.norm(p.numpy()) for name, p in net.state_dict().items()}  # expect: TL501:34 lines=10


if __name__ == "__main__":
    net = build(torch.device("cuda" if torch.cuda.is_available() else "cpu"))
    dump_weights(net, "weights.npz")
    print(weight_norms(net))
