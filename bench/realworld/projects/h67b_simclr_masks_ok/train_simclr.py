# source: https://github.com/rpmccordlab/SMILE/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Contrastive pretraining of an MLP encoder on paired (augmented) single-cell profiles."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from losses import NTXentLoss


class Encoder(nn.Module):
    def __init__(self, in_dim, hidden=1000, out_dim=128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
                                 nn.Linear(hidden, out_dim))

    def forward(self, x):
        return self.net(x)


def augment(x, noise=0.1, drop=0.2):
    keep = (torch.rand_like(x) > drop).float()
    return x * keep + noise * torch.randn_like(x)


def pretrain(dataset, in_dim, batch_size=256, epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)
    encoder = Encoder(in_dim).to(device)
    criterion = NTXentLoss(batch_size, temperature=0.05).to(device)
    optimizer = torch.optim.SGD(encoder.parameters(), lr=0.01, momentum=0.9)
    for epoch in range(epochs):
        running = 0.0
        for (x,) in loader:
            x = x.to(device)
            loss = criterion(encoder(augment(x)), encoder(augment(x)))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")
    return encoder
