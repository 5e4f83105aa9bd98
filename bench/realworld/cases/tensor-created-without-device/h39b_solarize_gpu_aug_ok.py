# source: https://github.com/kornia/kornia/issues/622
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Batch-wise random solarization run on the GPU inside a contrastive pre-training loop."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def solarize(images, thresholds, additions):
    thresholds = thresholds.view(-1, 1, 1, 1)
    additions = additions.view(-1, 1, 1, 1)
    shifted = (images + additions).clamp(0.0, 1.0)
    return torch.where(shifted < thresholds, shifted, 1.0 - shifted)


class RandomSolarize(nn.Module):
    def __init__(self, thresholds=0.1, additions=0.1, p=0.5):
        super().__init__()
        self.thresholds = thresholds
        self.additions = additions
        self.p = p

    def forward(self, images):
        batch = images.size(0)
        opts = {"device": images.device, "dtype": images.dtype}
        thr = torch.empty(batch, **opts).uniform_(0.5 - self.thresholds, 0.5 + self.thresholds)
        add = torch.empty(batch, **opts).uniform_(-self.additions, self.additions)
        out = solarize(images, thr, add)
        keep = torch.rand(batch, device=images.device) >= self.p
        out[keep] = images[keep]
        return out


def main():
    device = torch.device("cuda:0")
    augment = RandomSolarize(0.1, 0.1, p=0.5)
    encoder = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
                            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 64)).to(device)
    optimizer = torch.optim.Adam(encoder.parameters(), lr=3e-4)
    loader = DataLoader(TensorDataset(torch.rand(1024, 3, 32, 32)), batch_size=64, shuffle=True)
    for (x,) in loader:
        x = x.to(device)
        z1 = nn.functional.normalize(encoder(augment(x)), dim=1)
        z2 = nn.functional.normalize(encoder(augment(x)), dim=1)
        logits = z1 @ z2.t() / 0.2
        loss = nn.functional.cross_entropy(logits, torch.arange(x.size(0), device=device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("loss", loss.item())


if __name__ == "__main__":
    main()
