# source: https://github.com/pytorch/pytorch/issues/666
# error: (no traceback in the thread) layers kept in a Python list are missing from parameters() and from .to()
# pattern: module-in-plain-container
# shape: class, top-level
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_layers, width):
        super().__init__()
        self.layer = nn.Linear(1, width)
        layers = []
        for _ in range(num_layers):
            layers.append(nn.Linear(width, width))
        self.list_of_layers = nn.ModuleList(layers)
        self.norms = nn.ModuleDict({f"n{i}": nn.LayerNorm(width) for i in range(num_layers)})
        self.out = nn.Linear(width, 1)

    def forward(self, x):
        h = self.layer(x)
        for i, lin in enumerate(self.list_of_layers):
            h = torch.tanh(self.norms[f"n{i}"](lin(h)))
        return self.out(h)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-layers", type=int, default=4)
    parser.add_argument("--width", type=int, default=32)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = Net(args.num_layers, args.width).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x = torch.linspace(-1, 1, 256, device=device).unsqueeze(1)
    y = torch.sin(3 * x)
    for step in range(200):
        loss = nn.functional.mse_loss(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
