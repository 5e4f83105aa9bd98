# source: https://github.com/meta-pytorch/botorch/pull/1035
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# cpu: clean
# needs: torch
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import Surrogate
from transforms import Normalize


def branin(X):
    x1, x2 = X[:, 0] * 15 - 5, X[:, 1] * 15
    return (x2 - 5.1 / (4 * 3.14159 ** 2) * x1 ** 2 + 5 / 3.14159 * x1 - 6) ** 2 + 10


def gaussian_nll(mean, log_var, y):
    return 0.5 * (log_var + (y - mean) ** 2 / log_var.exp()).mean()


def fit_surrogate(train_X, train_Y, device, epochs=5):
    model = Surrogate(train_X.shape[-1], input_transform=Normalize(train_X.shape[-1]).fit(train_X))
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loader = DataLoader(TensorDataset(train_X, train_Y), batch_size=16, shuffle=True)
    for epoch in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = gaussian_nll(*model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_X = torch.rand(64, 2) * torch.tensor([10.0, 3.0]) - torch.tensor([5.0, 0.0])
    train_Y = (branin(train_X) - 50.0) / 50.0
    model = fit_surrogate(train_X, train_Y, device)
    candidates = torch.rand(8, 2, device=device) * 5
    print(model.posterior_mean(candidates))
