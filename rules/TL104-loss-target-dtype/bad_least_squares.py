# Each curve is summarised by the least-squares coefficients of a polynomial fit:
# numpy solves in float64, so the regression targets reach the loss as float64
# while the network predicts float32.
import numpy as np
import torch
from torch import nn


def curve_coefficients(xs, ys, degree=2):
    design = np.ones((len(xs), degree + 1))
    for k in range(1, degree + 1):
        design[:, k] = np.asarray(xs) ** k
    coef, *_ = np.linalg.lstsq(design, ys, rcond=None)
    return coef


def fit(signals, curves, steps=100):
    net = nn.Linear(signals.shape[1], 3)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
    targets = torch.from_numpy(np.stack([curve_coefficients(x, y) for x, y in curves]))  # expect: TL104:15 lines=22
    for _ in range(steps):
        loss = nn.functional.mse_loss(net(signals), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
