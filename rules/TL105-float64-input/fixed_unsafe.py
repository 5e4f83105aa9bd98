import numpy as np
import torch
from torch import nn


def fit_regressor(path):
    model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 1))
    features = torch.from_numpy(np.loadtxt(path, delimiter=","))
    return model(features.float())  # expect: TL105:18 lines=8


def noise_augment(x_shape):
    encoder = nn.Linear(8, 8)
    noise = torch.tensor(np.random.randn(*x_shape))
    return encoder(noise.float())  # expect: TL105:20 lines=14


def doubled(values):
    head = nn.Linear(4, 2)
    x = torch.as_tensor(values).double()
    return head(x.float())  # expect: TL105:17 lines=20
