# source: https://github.com/Lightning-AI/pytorch-lightning/issues/3030
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 35, 36
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class DenoisingAE(nn.Module):
    def __init__(self, dim=784, hidden=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(dim, 256), nn.ReLU(), nn.Linear(256, hidden))
        self.decoder = nn.Sequential(nn.Linear(hidden, 256), nn.ReLU(), nn.Linear(256, dim), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--gpu", type=int, default=1, help="index of the GPU to train on")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--noise", type=float, default=0.3)
    return p.parse_args()


def corrupt(batch, noise_level):
    # gaussian noise, generated directly on the GPU to avoid a host->device copy
    noise = torch.randn(batch.shape, device="cuda") * noise_level
    return (batch + noise).clamp(0.0, 1.0)


def train(args, loader):
    device = torch.device(f"cuda:{args.gpu}")
    model = DenoisingAE().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCELoss()
    for epoch in range(args.epochs):
        total = 0.0
        for (clean,) in loader:
            clean = clean.to(device, non_blocking=True)
            noisy = corrupt(clean, args.noise)
            recon = model(noisy)
            loss = loss_fn(recon, clean)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: {total / len(loader):.4f}")
    return model


if __name__ == "__main__":
    args = parse_args()
    if torch.cuda.device_count() <= args.gpu:
        raise SystemExit(f"need at least {args.gpu + 1} GPUs")
    images = torch.rand(10000, 784)
    loader = DataLoader(TensorDataset(images), batch_size=128, shuffle=True, pin_memory=True)
    train(args, loader)
