# source: https://github.com/facebookresearch/aepsych/pull/672
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: class, helper
# looks-like: discarded-tensor-move
# needs: torch
# cpu: no written where torch was not installed; not run
"""Exact GP surrogate for a psychophysics experiment; data can follow the model to GPU."""
import math

import torch


class ExactGPSurrogate:
    def __init__(self, lengthscale=0.3, outputscale=1.0, noise=1e-2):
        self.lengthscale = torch.tensor(lengthscale)
        self.outputscale = torch.tensor(outputscale)
        self.noise = torch.tensor(noise)
        self.train_inputs = None
        self.train_targets = None
        self.device = torch.device("cpu")

    def kernel(self, a, b):
        d2 = torch.cdist(a / self.lengthscale, b / self.lengthscale).pow(2)
        return self.outputscale * torch.exp(-0.5 * d2)

    def set_train_data(self, x, y):
        self.train_inputs = (x.to(self.device),)
        self.train_targets = y.to(self.device)

    def to(self, device):
        self.device = torch.device(device)
        self.lengthscale = self.lengthscale.to(self.device)
        self.outputscale = self.outputscale.to(self.device)
        self.noise = self.noise.to(self.device)
        if self.train_inputs is not None:
            self.train_inputs = tuple(t.to(self.device) for t in self.train_inputs)
            self.train_targets = self.train_targets.to(self.device)
        return self

    def posterior(self, x_new):
        (x,) = self.train_inputs
        x_new = x_new.to(self.device)
        k_xx = self.kernel(x, x) + self.noise * torch.eye(x.size(0), device=self.device)
        k_xs = self.kernel(x, x_new)
        chol = torch.linalg.cholesky(k_xx)
        alpha = torch.cholesky_solve(self.train_targets.unsqueeze(-1), chol)
        mean = (k_xs.transpose(0, 1) @ alpha).squeeze(-1)
        v = torch.cholesky_solve(k_xs, chol)
        var = self.outputscale - (k_xs * v).sum(0)
        return mean, var.clamp_min(1e-9)


if __name__ == "__main__":
    x = torch.rand(40, 2)
    y = torch.sin(2 * math.pi * x[:, 0]) + 0.1 * torch.randn(40)
    gp = ExactGPSurrogate()
    gp.set_train_data(x, y)
    if torch.cuda.is_available():
        gp.to("cuda")
    mu, var = gp.posterior(torch.rand(5, 2))
    print(mu.cpu(), var.cpu())
