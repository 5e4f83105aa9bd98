# source: https://github.com/facebookresearch/jacobian_regularizer/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper, loader-loop
# bug-lines: 35, 36
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train a small MNIST CNN with a Jacobian-norm robustness penalty on a chosen GPU."""
import argparse
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import datasets, transforms


class JacobianPenalty(nn.Module):
    """(1/2) * E ||dy/dx||_F^2 estimated with random projections of the output."""

    def __init__(self, n_proj=1):
        super().__init__()
        self.n_proj = n_proj

    def _random_directions(self, batch, classes):
        v = torch.randn(batch, classes)
        return v / v.norm(dim=1, keepdim=True) * math.sqrt(classes)

    def forward(self, x, logits):
        batch, classes = logits.shape
        total = 0.0
        for _ in range(self.n_proj):
            v = self._random_directions(batch, classes)
            if x.is_cuda:
                v = v.cuda()
            proj = (logits * v).sum()
            (grad_x,) = torch.autograd.grad(proj, x, create_graph=True)
            total = total + classes * grad_x.pow(2).sum() / (self.n_proj * batch)
        return 0.5 * total


def make_net():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--gpu", type=int, default=1)
    p.add_argument("--lambda-jr", type=float, default=0.01)
    p.add_argument("--epochs", type=int, default=5)
    args = p.parse_args()

    device = torch.device(f"cuda:{args.gpu}")
    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_set = datasets.MNIST("./data", train=True, download=True, transform=tfm)
    loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True, num_workers=2)

    model = make_net().to(device)
    reg = JacobianPenalty(n_proj=1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for epoch in range(args.epochs):
        for step, (images, targets) in enumerate(loader):
            images = images.to(device).requires_grad_(True)
            targets = targets.to(device)
            logits = model(images)
            loss = F.cross_entropy(logits, targets) + args.lambda_jr * reg(images, logits)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step}: loss={loss.item():.4f}")


if __name__ == "__main__":
    main()
