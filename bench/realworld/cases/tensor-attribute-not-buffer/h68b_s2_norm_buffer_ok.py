# source: https://github.com/torchgeo/torchgeo/issues/763
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Land-cover / cropland patch classifier with on-GPU band normalization."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class BandNormalize(nn.Module):
    """Per-band min/max scaling whose statistics follow the module across devices."""

    def __init__(self, mins, maxs):
        super().__init__()
        mins = torch.tensor(mins)[:, None, None]
        self.register_buffer("mins", mins)
        self.register_buffer("scale", torch.tensor(maxs)[:, None, None] - mins)

    def forward(self, x):
        return ((x - self.mins) / self.scale).clamp(0.0, 1.0)


class PatchClassifier(nn.Module):
    def __init__(self, mins, maxs, num_classes=10):
        super().__init__()
        self.norm = BandNormalize(mins, maxs)
        self.body = nn.Sequential(nn.Conv2d(len(mins), 32, 3, padding=1), nn.ReLU(),
                                  nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, num_classes))

    def forward(self, x):
        return self.body(self.norm(x))


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    mins = [1013.0, 676.0, 448.0, 247.0]
    maxs = [2309.0, 4543.0, 4720.0, 5293.0]
    data = TensorDataset(torch.rand(128, 4, 64, 64) * 5000, torch.randint(0, 10, (128,)))
    loader = DataLoader(data, batch_size=16, shuffle=True)
    model = PatchClassifier(mins, maxs).to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("last loss", loss.item())


if __name__ == "__main__":
    main()
