# The block makes its grid where its input is: both runs work.
import torch
from torch import nn


class ODEBlock(nn.Module):
    def __init__(self, dim, steps=4):
        super().__init__()
        self.f = nn.Linear(dim, dim)
        self.steps = steps

    def forward(self, x):
        ts = torch.linspace(0.0, 1.0, self.steps + 1, device=x.device)
        for i in range(self.steps):
            x = x + (ts[i + 1] - ts[i]) * self.f(x)
        return x


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    stem = [nn.Linear(8, 32), nn.ReLU()]
    head = [nn.ReLU(), nn.Linear(32, 2)]
    model = nn.Sequential(*stem, ODEBlock(32), *head).to(device)
    print(model(torch.randn(4, 8, device=device)))
