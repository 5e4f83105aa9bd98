import torch
from torch import nn
from torch.optim.optimizer import Optimizer


class SignMomentum(Optimizer):
    """Keeps a momentum buffer per parameter, made as the optimizer is built."""

    def __init__(self, params, lr=1e-3, beta=0.9):
        super().__init__(params, {"lr": lr, "beta": beta})
        for group in self.param_groups:
            for p in group["params"]:
                self.state[p]["momentum"] = torch.zeros_like(p)

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                buf = self.state[p]["momentum"]
                buf.mul_(group["beta"]).add_(p.grad)
                p.add_(buf.sign(), alpha=-group["lr"])


def fit(batches, device):
    model = nn.Sequential(nn.Linear(16, 32), nn.GELU(), nn.Linear(32, 1))
    optimizer = SignMomentum(model.parameters())
    model.to(device)  # expect: TL207:5 lines=26,32
    for x, y in batches:
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x.to(device)), y.to(device))
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    fit([(torch.randn(8, 16), torch.randn(8, 1))], torch.device("cuda"))
