# source: https://github.com/KindXiaoming/pykan/issues/113
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: batch-dict, helper
# bug-lines: 32, 33
# needs: torch, numpy, sklearn
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from sklearn.datasets import make_moons


class SplineLayer(nn.Module):
    """KAN-style layer: each edge is a learnable combination of RBF bumps plus a SiLU base."""

    def __init__(self, in_dim, out_dim, grid=8):
        super().__init__()
        self.register_buffer("centers", torch.linspace(-2.0, 2.0, grid))
        self.coef = nn.Parameter(0.1 * torch.randn(in_dim, out_dim, grid))
        self.base = nn.Linear(in_dim, out_dim)

    def forward(self, x):
        phi = torch.exp(-((x.unsqueeze(-1) - self.centers) ** 2) * 2.0)
        return self.base(nn.functional.silu(x)) + torch.einsum("big,iog->bo", phi, self.coef)


def build_dataset(n=1000, noise=0.1):
    train_input, train_label = make_moons(n_samples=n, shuffle=True, noise=noise)
    test_input, test_label = make_moons(n_samples=n, shuffle=True, noise=noise)
    return {
        "train_input": torch.from_numpy(train_input),
        "test_input": torch.from_numpy(test_input),
        "train_label": torch.from_numpy(train_label[:, None].astype(np.float32)),
        "test_label": torch.from_numpy(test_label[:, None].astype(np.float32)),
    }


def fit(model, dataset, steps=20):
    optimizer = torch.optim.LBFGS(model.parameters(), lr=1.0, history_size=10)
    loss_fn = nn.MSELoss()

    def closure():
        optimizer.zero_grad()
        loss = loss_fn(model(dataset["train_input"]), dataset["train_label"])
        loss.backward()
        return loss

    for step in range(steps):
        loss = optimizer.step(closure)
        with torch.no_grad():
            pred = torch.round(model(dataset["test_input"]))
            acc = (pred == dataset["test_label"]).float().mean().item()
        print(f"step {step:2d}  train mse {loss.item():.4f}  test acc {acc:.3f}")


if __name__ == "__main__":
    dataset = build_dataset()
    model = nn.Sequential(SplineLayer(2, 5), SplineLayer(5, 1))
    fit(model, dataset)
