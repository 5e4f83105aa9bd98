import numpy as np
import torch
from torch import nn


def fit_regressor(path):
    model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 1))
    features = torch.from_numpy(np.loadtxt(path, delimiter=","))  # expect: TL105:16 lines=9
    return model(features.float())


def noise_augment(x_shape):
    encoder = nn.Linear(8, 8)
    noise = torch.tensor(np.random.randn(*x_shape))  # expect: TL105:13 lines=15
    return encoder(noise.float())


def doubled(values):
    head = nn.Linear(4, 2)
    x = torch.as_tensor(values).double()  # expect: TL105:9 lines=21
    return head(x.float())


def fit_on_gpu_if_any(path):
    # The GPU run: use_cuda holds the device check, so `if use_cuda:` is taken.
    counts = np.loadtxt(path, delimiter=",")
    model = nn.Linear(50, 8)
    use_cuda = torch.cuda.is_available()
    if use_cuda:
        model.cuda()
    X = torch.tensor(np.log1p(counts))  # expect: TL105:9 lines=34
    if use_cuda:
        X = X.cuda()
    return model(X.float())
