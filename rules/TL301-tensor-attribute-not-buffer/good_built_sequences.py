import torch
from torch import nn


class QuantileLoss(nn.Module):
    # A buffer moves with the module.
    def __init__(self, quantiles):
        super().__init__()
        self.register_buffer("quantiles", torch.tensor(sorted(quantiles)))

    def forward(self, pred, target):
        err = target[..., None] - pred
        return torch.max(self.quantiles * err, (self.quantiles - 1) * err).mean()


class PolynomialBasis(nn.Module):
    def __init__(self, length, degree):
        super().__init__()
        grid = torch.linspace(0, 1, length)
        self.register_buffer("powers", torch.stack([grid**p for p in range(degree)]))
        # Plain numbers kept for the messages, not tensors.
        self.names = [f"t^{p}" for p in sorted(range(degree))]

    def forward(self, theta):
        return theta @ self.powers
