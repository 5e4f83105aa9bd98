# source: https://github.com/luigibonati/mlcolvar/pull/185
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 21, 26, 30
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Deep collective variable for enhanced sampling: centred/scaled interatomic distances -> MLP."""
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class RunningCenter(nn.Module):
    """Tracks an exponential moving mean of the descriptors and removes it in forward."""

    def __init__(self, n_features, momentum=0.99):
        super().__init__()
        self.momentum = momentum
        self.mean = torch.zeros(n_features)
        self.register_buffer("scale", torch.ones(n_features))

    @torch.no_grad()
    def update(self, x):
        self.mean.mul_(self.momentum).add_(x.mean(dim=0), alpha=1 - self.momentum)
        self.scale.copy_(x.std(dim=0).clamp(min=1e-6))

    def forward(self, x):
        return (x - self.mean) / self.scale


class DeepCV(nn.Module):
    def __init__(self, n_descriptors, layers=(64, 32), n_cvs=2):
        super().__init__()
        self.center = RunningCenter(n_descriptors)
        blocks, width = [], n_descriptors
        for size in layers:
            blocks += [nn.Linear(width, size), nn.Tanh()]
            width = size
        self.nn = nn.Sequential(*blocks, nn.Linear(width, n_cvs))

    def forward(self, x):
        return self.nn(self.center(x))


def fit(descriptors, labels, epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = TensorDataset(torch.from_numpy(descriptors).float(), torch.from_numpy(labels).long())
    loader = DataLoader(dataset, batch_size=256, shuffle=True)
    model = DeepCV(descriptors.shape[1]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for (x, _) in loader:
        model.center.update(x.to(device))
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model


if __name__ == "__main__":
    data = np.load("colvar/distances_labeled.npz")
    cv = fit(data["distances"], data["state"])
    torch.jit.script(cv.cpu()).save("deep_cv.pt")
