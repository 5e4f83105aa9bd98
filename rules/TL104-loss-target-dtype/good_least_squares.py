import numpy as np
import torch
from torch import nn


# The float64 solution is converted to the prediction's float32 before the loss.
def curve_coefficients(xs, ys, degree=2):
    design = np.ones((len(xs), degree + 1))
    for k in range(1, degree + 1):
        design[:, k] = np.asarray(xs) ** k
    coef, *_ = np.linalg.lstsq(design, ys, rcond=None)
    return coef.astype(np.float32)


def fit(signals, curves, steps=100):
    net = nn.Linear(signals.shape[1], 3)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
    targets = torch.from_numpy(np.stack([curve_coefficients(x, y) for x, y in curves]))
    for _ in range(steps):
        loss = nn.functional.mse_loss(net(signals), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
