# source: https://github.com/pytorch/pytorch/issues/2138
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: helper, loader-loop
# bug-lines: 27, 52
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Star/galaxy classification on survey cutouts loaded as native-endian float64 arrays."""
import numpy as np
import torch
import torch.nn as nn


def load_cutouts(n, size=32, seed=0):
    """Stand-in for astropy.io.fits reads: FITS BITPIX=-64 data comes back as float64."""
    rng = np.random.default_rng(seed)
    stamps = rng.lognormal(mean=0.0, sigma=1.0, size=(n, 1, size, size))
    return stamps.astype(">f8").astype("f8")


def asinh_stretch(stamps, softening=0.1):
    return np.arcsinh(stamps / softening)


def iterate_batches(stamps, labels, batch_size):
    for start in range(0, len(stamps), batch_size):
        x = torch.from_numpy(asinh_stretch(stamps[start:start + batch_size]))
        y = torch.from_numpy(labels[start:start + batch_size])
        yield x, y


class MorphologyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(32, 2)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


def main():
    stamps = load_cutouts(1024)
    labels = np.random.default_rng(1).integers(0, 2, size=1024)
    model = MorphologyNet()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    for x, y in iterate_batches(stamps, labels, 64):
        logits = model(x)
        loss = loss_fn(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("last loss", loss.item())


if __name__ == "__main__":
    main()
