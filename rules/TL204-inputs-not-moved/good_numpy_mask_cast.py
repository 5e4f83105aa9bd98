# The same bias moved to where the scores are; and a temperature read from numpy,
# a 0-dim tensor, which meets tensors on any device.
import numpy as np
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def future_bias(n):
    blocked = np.triu(np.ones((n, n)), k=1).astype(np.float32)
    return (torch.from_numpy(blocked) * -1e9).to(device)


def temperature(widths):
    return torch.tensor(np.sqrt(np.ones(widths).sum()).astype(np.float32))


def attend(q, k, v):
    q, k, v = q.to(device), k.to(device), v.to(device)
    scores = q @ k.transpose(-2, -1) / temperature(q.size(-1))
    return (scores + future_bias(q.size(-2))).softmax(-1) @ v
