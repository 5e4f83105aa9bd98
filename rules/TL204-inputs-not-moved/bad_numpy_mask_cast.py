# A decoder's additive attention bias is built with numpy and cast to float32 with
# `.astype` (a cast keeps the array's shape), then made a tensor on the CPU; the
# attention scores on the GPU meet it in `+`.
import numpy as np
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def future_bias(n):
    blocked = np.triu(np.ones((n, n)), k=1).astype(np.float32)
    return torch.from_numpy(blocked) * -1e9  # expect: TL204:12 lines=16,18


def attend(q, k, v):
    q, k, v = q.to(device), k.to(device), v.to(device)
    scores = q @ k.transpose(-2, -1) / q.size(-1) ** 0.5
    return (scores + future_bias(q.size(-2))).softmax(-1) @ v
