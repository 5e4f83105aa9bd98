# source: https://github.com/scikit-adaptation/skada/pull/273
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 39, 59, 60, 66
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class EncodedTableDataset(Dataset):
    """Rows already transformed (mode-specific normalisation + one-hot) by the preprocessing step."""

    def __init__(self, npz_path):
        arr = np.load(npz_path)
        self.features = torch.tensor(arr["features"], dtype=torch.float32)
        self.cond = torch.tensor(arr["cond"], dtype=torch.float32)

    def __len__(self):
        return len(self.features)

    def __getitem__(self, i):
        return {"row": self.features[i], "cond": self.cond[i]}


def mlp(in_dim, out_dim, hidden=256, final=None):
    layers = [nn.Linear(in_dim, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, hidden), nn.LeakyReLU(0.2)]
    layers.append(nn.Linear(hidden, out_dim))
    if final is not None:
        layers.append(final)
    return nn.Sequential(*layers)


def adversarial_targets(n, real, device):
    fill = 1 if real else 0
    return torch.full((n, 1), fill, device=device)


def train_cgan(npz_path, z_dim=128, epochs=300, batch_size=500, device="cuda"):
    ds = EncodedTableDataset(npz_path)
    row_dim, cond_dim = ds.features.shape[1], ds.cond.shape[1]
    gen = mlp(z_dim + cond_dim, row_dim).to(device)
    disc = mlp(row_dim + cond_dim, 1, final=nn.Sigmoid()).to(device)
    opt_g = torch.optim.Adam(gen.parameters(), lr=2e-4, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(disc.parameters(), lr=2e-4, betas=(0.5, 0.9))
    criterion = nn.BCELoss()
    loader = DataLoader(ds, batch_size=batch_size, shuffle=True, drop_last=True)
    for epoch in range(epochs):
        for batch in loader:
            real, cond = batch["row"].to(device), batch["cond"].to(device)
            n = real.size(0)
            fake = gen(torch.cat([torch.randn(n, z_dim, device=device), cond], dim=1))

            d_real = disc(torch.cat([real, cond], dim=1))
            d_fake = disc(torch.cat([fake.detach(), cond], dim=1))
            loss_d = criterion(d_real, adversarial_targets(n, True, device)) + criterion(
                d_fake, adversarial_targets(n, False, device)
            )
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()

            loss_g = criterion(disc(torch.cat([fake, cond], dim=1)), adversarial_targets(n, True, device))
            opt_g.zero_grad()
            loss_g.backward()
            opt_g.step()
        if epoch % 25 == 0:
            print(f"epoch {epoch}: loss_d={loss_d.item():.3f} loss_g={loss_g.item():.3f}")
    return gen


if __name__ == "__main__":
    train_cgan("data/adult_ctgan_encoded.npz")
