import numpy as np
import torch
from torch import nn


def converted(path):
    model = nn.Linear(16, 1)
    features = torch.from_numpy(np.loadtxt(path, delimiter=",")).float()
    a = model(features)
    data = np.random.rand(4, 16).astype(np.float32)
    b = model(torch.from_numpy(data))
    c = model(torch.tensor(np.zeros((2, 16)), dtype=torch.float32))
    return a, b, c


def double_model(x):
    model = nn.Linear(4, 2).double()
    return model(torch.from_numpy(np.zeros((1, 4))))


# The data converted where it is made: the product is float32 on both sides.
features32 = torch.from_numpy(np.random.normal(0, 1, (1000, 2))).float()
weights32 = torch.zeros((2, 1), requires_grad=True)


def linreg(X, w, b):
    return torch.mm(X, w) + b


def fit_linreg():
    return linreg(features32, weights32, 0.0)


def project_in_float64(points_path):
    # Both sides float64: the op has one dtype.
    rotation = torch.eye(3, dtype=torch.float64)
    points = torch.tensor(np.loadtxt(points_path))
    return points @ rotation


def blend(path):
    # `*` and `+` promote: float64 data times a float32 mask is float64, no error.
    data = torch.from_numpy(np.loadtxt(path))
    return data * torch.ones(3) + torch.zeros(3)


class Cells(torch.utils.data.Dataset):
    def __init__(self, X):
        self.X = X

    def __len__(self):
        return len(self.X)

    def __getitem__(self, i):
        return {"x": torch.tensor(self.X[i]), "weight": torch.tensor(self.X[i, 0])}


def train_cells(path, device):
    counts = np.loadtxt(path, dtype=np.int64)
    X = np.log1p(counts / counts.sum(1, keepdims=True) * 1e4)
    encoder = nn.Linear(X.shape[1], 10).to(device)
    for batch in torch.utils.data.DataLoader(Cells(X), batch_size=32):
        batch = {k: v.to(device) for k, v in batch.items()}
        # The float64 entry is converted (and stored back) before the layer sees it.
        batch["x"] = batch["x"].float() * batch["weight"].float()
        encoder(batch["x"])


def float32_counts(counts):
    # A float32 array stays float32 through arithmetic with Python numbers.
    encoder = nn.Linear(40, 10)
    X = counts.astype(np.float32) / 1e4 * 2.0
    return encoder(torch.from_numpy(X))


def one_hot(codes, n):
    return torch.nn.functional.one_hot(torch.as_tensor(codes), n).float()


def train_vae(codes, device):
    # The log-normalised counts are converted to float32 where they are made.
    counts = np.random.poisson(5.0, size=(96, 30))
    data = torch.from_numpy(np.log1p(counts).astype(np.float32))
    encoder = torch.nn.Linear(33, 8).to(device)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(data, one_hot(codes, 3)), batch_size=8
    )
    for x, covar in loader:
        encoder(torch.cat([x, covar], dim=1).to(device))
