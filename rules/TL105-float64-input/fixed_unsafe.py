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


# Dive into Deep Learning's linear regression: the data from numpy stays float64,
# the weights torch makes are float32, and the product is in a plain function that
# a minibatch generator's batches reach.
true_features = torch.from_numpy(np.random.normal(0, 1, (1000, 2)))  # expect: TL105:17 lines=45,41
weights = torch.zeros((2, 1), requires_grad=True)


def linreg(X, w, b):
    return torch.mm(X.float(), w) + b


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
    return points.float() @ rotation


class Cells(torch.utils.data.Dataset):
    # scArches' shape: normalized counts (numpy float64 after the division) served
    # as a dict, moved entry by entry in the loop.
    def __init__(self, X, studies):
        self.X, self.studies = X, studies

    def __len__(self):
        return len(self.X)

    def __getitem__(self, i):
        return {"x": torch.tensor(self.X[i]), "study": torch.tensor(self.studies[i])}  # expect: TL105:22 lines=84


def train_cells(path, studies, device):
    counts = np.loadtxt(path, dtype=np.int64)
    X = np.log1p(counts / counts.sum(1, keepdims=True) * 1e4)
    encoder = nn.Linear(X.shape[1], 10).to(device)
    for batch in torch.utils.data.DataLoader(Cells(X, studies), batch_size=32):
        batch = {k: v.to(device) for k, v in batch.items()}
        encoder(batch["x"].float())


def join_features(path):
    # torch.cat promotes float64 with float32 to float64: the layer gets float64.
    embedding, head = nn.Embedding(4, 8), nn.Linear(24, 2)
    features = torch.from_numpy(np.loadtxt(path))  # expect: TL105:16 lines=91
    return head(torch.cat([features, embedding(torch.arange(4))], dim=-1).float())


def one_hot(codes, n):
    return torch.nn.functional.one_hot(torch.as_tensor(codes), n).float()


def train_vae(codes, device):
    # inVAE: log-normalised counts are float64 (np.log1p of integer counts), the one-hot
    # covariates float32; the DataLoader keeps both, and torch.cat promotes to float64.
    counts = np.random.poisson(5.0, size=(96, 30))
    data = torch.from_numpy(np.log1p(counts))  # expect: TL105:12 lines=108
    encoder = torch.nn.Linear(33, 8).to(device)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(data, one_hot(codes, 3)), batch_size=8
    )
    for x, covar in loader:
        encoder(torch.cat([x, covar], dim=1).to(device).float())
