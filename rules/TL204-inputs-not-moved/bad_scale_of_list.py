# The loss keeps per-output weights as a tensor made from the list its caller
# passes: a CPU tensor with a dimension, which the GPU error cannot meet.
import torch
import torch.nn as nn


class WeightedLoss(nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.weights = torch.tensor(weights)  # expect: TL204:24 lines=18,13

    def forward(self, pred, target):
        return (((pred - target) ** 2) * self.weights).mean()


def train(model, loader, device):
    loss_fn = WeightedLoss([0.5, 2.0])
    model.to(device)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = loss_fn(model(x), y)
        loss.backward()


if __name__ == "__main__":
    train(nn.Linear(4, 2), [], "cuda")
