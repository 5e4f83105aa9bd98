# Board cells encoded as an int64 numpy array become an int64 tensor, fed to a value
# network whose first layer is a Linear: 'mat1 and mat2 must have the same dtype'.
import numpy as np
import torch
from torch import nn

value_net = nn.Sequential(nn.Linear(9, 32), nn.ReLU(), nn.Linear(32, 1))


def encode(board):
    return np.asarray(board, dtype=np.int64)


def values(boards):
    states = torch.from_numpy(np.stack([encode(b) for b in boards]))  # expect: TL109:14 lines=16
    return value_net(states).squeeze(-1)
