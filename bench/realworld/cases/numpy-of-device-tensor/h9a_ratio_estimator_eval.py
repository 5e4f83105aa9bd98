# source: https://github.com/madminer-tool/madminer/pull/210
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 58
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Parameterized likelihood-ratio estimator: train with a classifier loss, evaluate log r(x|theta)."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class RatioEstimator(nn.Module):
    def __init__(self, n_observables, n_parameters, n_hidden=(100, 100)):
        super().__init__()
        layers, n_in = [], n_observables + n_parameters
        for n_out in n_hidden:
            layers += [nn.Linear(n_in, n_out), nn.Tanh()]
            n_in = n_out
        layers.append(nn.Linear(n_in, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, theta, x):
        log_r = self.net(torch.cat([theta, x], dim=1))
        s_hat = torch.sigmoid(-log_r)
        return s_hat, log_r


def train_estimator(model, theta, x, y, device, epochs=20, batch_size=128, lr=1e-3):
    ds = TensorDataset(torch.from_numpy(theta).float(), torch.from_numpy(x).float(),
                       torch.from_numpy(y).float())
    loader = DataLoader(ds, batch_size=batch_size, shuffle=True)
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    bce = nn.BCELoss()
    for epoch in range(epochs):
        total = 0.0
        for theta_b, x_b, y_b in loader:
            theta_b, x_b, y_b = theta_b.to(device), x_b.to(device), y_b.to(device)
            s_hat, _ = model(theta_b, x_b)
            loss = bce(s_hat.squeeze(1), y_b)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(y_b)
        print(f"epoch {epoch + 1}: loss {total / len(ds):.4f}")
    return model


def evaluate_log_ratio(model, theta, x, device):
    model.eval()
    theta_t = torch.tensor(theta, dtype=torch.float32, device=device)
    x_t = torch.tensor(x, dtype=torch.float32, device=device)
    with torch.no_grad():
        _, log_r = model(theta_t, x_t)
    return log_r.squeeze(1).numpy()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train = np.load("samples/train_ratio.npz")
    test = np.load("samples/test_ratio.npz")
    estimator = RatioEstimator(n_observables=train["x"].shape[1], n_parameters=train["theta"].shape[1])
    estimator = train_estimator(estimator, train["theta"], train["x"], train["y"], device)
    log_r = evaluate_log_ratio(estimator, test["theta"], test["x"], device)
    print("expected log r:", float(np.mean(log_r)), "+/-", float(np.std(log_r)))
    np.save("log_r_test.npy", log_r)
