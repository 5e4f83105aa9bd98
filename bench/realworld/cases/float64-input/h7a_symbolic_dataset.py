# source: https://github.com/KindXiaoming/pykan/pull/129
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, batch-dict
# bug-lines: 25, 27, 49, 56
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


def create_dataset(f, n_var=2, ranges=(-1.0, 1.0), train_num=1000, test_num=1000, seed=0, device="cpu"):
    """Sample inputs uniformly, evaluate f, and return a dict of train/test tensors."""
    rng = np.random.default_rng(seed)
    lo, hi = ranges

    def sample(n):
        x = rng.uniform(lo, hi, size=(n, n_var))
        return x, f(x)[:, None]

    x_tr, y_tr = sample(train_num)
    x_te, y_te = sample(test_num)
    return {
        "train_input": torch.from_numpy(x_tr).to(device),
        "train_label": torch.from_numpy(y_tr).to(device),
        "test_input": torch.from_numpy(x_te).to(device),
        "test_label": torch.from_numpy(y_te).to(device),
    }


class SplineMLP(nn.Module):
    def __init__(self, width=(2, 16, 16, 1)):
        super().__init__()
        layers = []
        for a, b in zip(width[:-1], width[1:]):
            layers += [nn.Linear(a, b), nn.SiLU()]
        self.net = nn.Sequential(*layers[:-1])

    def forward(self, x):
        return self.net(x)


def fit(model, dataset, steps=200, lr=1e-2, batch=256):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    n = dataset["train_input"].shape[0]
    for step in range(steps):
        idx = torch.randint(0, n, (batch,))
        pred = model(dataset["train_input"][idx])
        loss = ((pred - dataset["train_label"][idx]) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 50 == 0:
            with torch.no_grad():
                test = ((model(dataset["test_input"]) - dataset["test_label"]) ** 2).mean()
            print(f"step {step}: train {loss.item():.4e} test {test.item():.4e}")


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    f = lambda x: np.exp(np.sin(np.pi * x[:, 0]) + x[:, 1] ** 2)
    dataset = create_dataset(f, n_var=2, device=device)
    model = SplineMLP().to(device)
    fit(model, dataset)
