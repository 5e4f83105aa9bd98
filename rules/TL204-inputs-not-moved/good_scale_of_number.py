# The loss keeps its weight as a tensor made from the number its caller passes
# (`ScaledLoss(0.5)`): a 0-dim CPU tensor, which meets the GPU loss without a move.
import torch
import torch.nn as nn


class ScaledLoss(nn.Module):
    def __init__(self, scale):
        super().__init__()
        self.scale = torch.tensor(scale)

    def forward(self, pred, target):
        return ((pred - target) ** 2).mean() * self.scale


def train(model, loader, device):
    loss_fn = ScaledLoss(0.5)
    model.to(device)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = loss_fn(model(x), y)
        loss.backward()


if __name__ == "__main__":
    train(nn.Linear(4, 1), [], "cuda")
