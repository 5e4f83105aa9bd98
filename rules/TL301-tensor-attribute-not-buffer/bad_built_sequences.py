import torch
from torch import nn


class QuantileLoss(nn.Module):
    # `sorted(...)` is a list, so this is a 1-D tensor (not a 0-dim scalar, which torch
    # would let meet CUDA tensors): it stays on the CPU when the loss is moved.
    def __init__(self, quantiles):
        super().__init__()
        self.quantiles = torch.tensor(sorted(quantiles))  # expect: TL301:9 lines=14

    def forward(self, pred, target):
        err = target[..., None] - pred
        return torch.max(self.quantiles * err, (self.quantiles - 1) * err).mean()


class PolynomialBasis(nn.Module):
    # A stack of tensors built by a comprehension is a tensor of the same kind.
    def __init__(self, length, degree):
        super().__init__()
        grid = torch.linspace(0, 1, length)
        self.powers = torch.stack([grid**p for p in range(degree)])  # expect: TL301:9 lines=25

    def forward(self, theta):
        return theta @ self.powers
