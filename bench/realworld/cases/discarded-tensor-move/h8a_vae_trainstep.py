# source: https://github.com/Michedev/VAE_anomaly_detection/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: discarded-tensor-move
# shape: class, loader-loop
# bug-lines: 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class VAEAnomaly(nn.Module):
    def __init__(self, input_size, latent_size, hidden=500):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_size, hidden), nn.LeakyReLU(),
                                     nn.Linear(hidden, 2 * latent_size))
        self.decoder = nn.Sequential(nn.Linear(latent_size, hidden), nn.LeakyReLU(),
                                     nn.Linear(hidden, 2 * input_size))
        self.latent_size = latent_size

    def forward(self, x):
        mu_z, logvar_z = self.encoder(x).chunk(2, dim=-1)
        z = mu_z + torch.randn_like(mu_z) * torch.exp(0.5 * logvar_z)
        mu_x, logvar_x = self.decoder(z).chunk(2, dim=-1)
        recon = 0.5 * (logvar_x + (x - mu_x) ** 2 / logvar_x.exp()).sum(-1).mean()
        kl = -0.5 * (1 + logvar_z - mu_z ** 2 - logvar_z.exp()).sum(-1).mean()
        return {"loss": recon + kl, "recon_loss": recon, "kl": kl}


def load_dataset(path):
    arr = np.load(path).astype(np.float32)
    return TensorDataset(torch.from_numpy(arr))


class TrainStep:
    """Callable run once per batch by the training loop."""

    def __init__(self, model, opt, device=None):
        self.model = model
        self.opt = opt
        self.device = device

    def __call__(self, batch):
        self.opt.zero_grad()
        x = batch[0]
        if self.device:
            x.to(self.device)
        out = self.model(x)
        out["loss"].backward()
        self.opt.step()
        return {k: v.item() for k, v in out.items()}


def train(model, opt, loader, epochs, device):
    step = TrainStep(model, opt, device)
    for epoch in range(epochs):
        running = []
        for batch in loader:
            running.append(step(batch)["loss"])
        print(f"epoch {epoch}: avg loss {np.mean(running):.4f}")
        torch.save(model.state_dict(), "vae_anomaly.pth")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--input-size", type=int, required=True)
    p.add_argument("--latent-size", type=int, default=32)
    p.add_argument("--epochs", type=int, default=50)
    args = p.parse_args()
    device = torch.device("cuda") if torch.cuda.is_available() else None
    model = VAEAnomaly(args.input_size, args.latent_size)
    if device is not None:
        model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(load_dataset(args.data), batch_size=128, shuffle=True)
    train(model, opt, loader, args.epochs, device)
