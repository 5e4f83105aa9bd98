import torch
from torch import nn


class ToneCurve(nn.Module):
    """A fixed basis of tone curves; the weights that mix them are fitted."""

    def __init__(self, levels=256, n_basis=6):
        super().__init__()
        x = torch.linspace(0, 1, levels)
        self.register_buffer("basis", torch.stack([x**p for p in range(1, n_basis + 1)], dim=1))

    def curve(self, weights):
        return self.basis @ weights


def fit_curve(model, target, steps=30):
    # made where the basis is
    weights = nn.Parameter(torch.full((model.basis.shape[1],), 0.1, device=target.device))
    optimizer = torch.optim.LBFGS([weights], max_iter=10)

    def closure():
        optimizer.zero_grad()
        loss = (model.curve(weights) - target).pow(2).mean()
        loss.backward()
        return loss

    for _ in range(steps):
        optimizer.step(closure)
    return weights.detach()


if __name__ == "__main__":
    device = torch.device("cuda")
    curve = ToneCurve().to(device)
    measured = torch.linspace(0, 1, 256, device=device).sqrt()
    print(fit_curve(curve, measured))
