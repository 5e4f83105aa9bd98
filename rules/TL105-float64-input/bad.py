import numpy as np
import torch
from torch import nn


def fit_regressor(path):
    model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 1))
    features = torch.from_numpy(np.loadtxt(path, delimiter=","))  # expect: TL105:16 lines=9
    return model(features)


def noise_augment(x_shape):
    encoder = nn.Linear(8, 8)
    noise = torch.tensor(np.random.randn(*x_shape))  # expect: TL105:13 lines=15
    return encoder(noise)


def doubled(values):
    head = nn.Linear(4, 2)
    x = torch.as_tensor(values).double()  # expect: TL105:9 lines=21
    return head(x)


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
    return model(X)


# Dive into Deep Learning's linear regression: the data from numpy stays float64,
# the weights torch makes are float32, and the product is in a plain function that
# a minibatch generator's batches reach.
true_features = torch.from_numpy(np.random.normal(0, 1, (1000, 2)))  # expect: TL105:17 lines=45,41
weights = torch.zeros((2, 1), requires_grad=True)


def linreg(X, w, b):
    return torch.mm(X, w) + b


def data_iter(batch_size, features):
    for i in range(0, len(features), batch_size):
        yield features[i : i + batch_size]


def train_linreg(batch_size):
    net = linreg
    for X in data_iter(batch_size, true_features):
        net(X, weights, 0.0).sum().backward()


def project(points_path):
    rotation = torch.randn(3, 3)
    points = torch.tensor(np.loadtxt(points_path))  # expect: TL105:14 lines=62,60
    return points @ rotation
