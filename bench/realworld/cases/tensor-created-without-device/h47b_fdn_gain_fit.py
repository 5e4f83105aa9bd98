# source: https://github.com/gdalsanto/flamo/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 30, 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fit the graphic-EQ gains of a differentiable reverberator to a measured magnitude response.

The reverberator is used to generate reverberant speech for dereverberation training.
"""
import torch
import torch.nn as nn


class GraphicEQ(nn.Module):
    def __init__(self, n_bands=10, n_freq=257, fs=16000):
        super().__init__()
        freqs = torch.linspace(0, fs / 2, n_freq)
        centers = 31.25 * 2.0 ** torch.arange(n_bands)
        resp = torch.exp(-0.5 * (torch.log2((freqs[:, None] + 1.0) / centers[None, :])) ** 2)
        self.register_buffer("band_responses", torch.cat([resp, torch.ones(n_freq, 1)], dim=1))
        self.n_bands = n_bands

    def magnitude(self, gains_db):
        return 10.0 ** ((self.band_responses @ gains_db) / 20.0)


def minimize_lbfgs(eq, target_mag, n_iter=50, lr=0.5):
    initial_guess = nn.Parameter(torch.ones(eq.n_bands + 1))
    optimizer = torch.optim.LBFGS([initial_guess], lr=lr, max_iter=20)
    log_target = torch.log(target_mag + 1e-8)

    def closure():
        optimizer.zero_grad()
        est = eq.magnitude(initial_guess)
        loss = torch.mean((torch.log(est + 1e-8) - log_target) ** 2)
        loss.backward()
        return loss

    for _ in range(n_iter):
        optimizer.step(closure)
    return initial_guess.detach()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    eq = GraphicEQ().to(device)
    measured = torch.rand(257, device=device) * 0.5 + 0.25
    gains = minimize_lbfgs(eq, measured)
    print(gains)
