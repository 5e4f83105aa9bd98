# source: https://github.com/ToniCreswell/attribute-cVAEGAN/issues/4
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: helper, class, loader-loop
# bug-lines: 42, 52, 53
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class CVAE(nn.Module):
    def __init__(self, nz=100, n_attr=1):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(3, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
            nn.Conv2d(128, 256, 4, 2, 1), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),
            nn.Flatten())
        self.enc_mu = nn.Linear(256 * 8 * 8, nz)
        self.enc_logvar = nn.Linear(256 * 8 * 8, nz)
        self.encY = nn.Linear(256 * 8 * 8, 2)        # attribute classifier head (e.g. smiling)
        self.dec = nn.Sequential(
            nn.Linear(nz + n_attr, 256 * 8 * 8), nn.ReLU(), nn.Unflatten(1, (256, 8, 8)),
            nn.ConvTranspose2d(256, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.ReLU(),
            nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.ConvTranspose2d(64, 3, 4, 2, 1), nn.Sigmoid())

    def forward(self, x):
        h = self.enc(x)
        mu, logvar = self.enc_mu(h), self.enc_logvar(h)
        y_logits = self.encY(h.detach())
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        y_soft = F.softmax(y_logits, dim=1)[:, 1:]
        return self.dec(torch.cat([z, y_soft], dim=1)), mu, logvar, F.log_softmax(y_logits, dim=1)


def class_loss_fn(pred, target):
    return F.nll_loss(pred, target)


def vae_loss_fn(rec_x, x, mu, logvar):
    bce = F.binary_cross_entropy(rec_x, x, reduction="sum") / x.size(0)
    kl = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
    return bce + kl


x_train = np.load("data/celeba_64_x.npy").astype(np.float32) / 255.0   # (N, 3, 64, 64)
y_train = np.load("data/celeba_attr_smiling.npy").astype(np.int32)      # (N,), 0/1
train_set = TensorDataset(torch.from_numpy(x_train), torch.from_numpy(y_train))
train_loader = DataLoader(train_set, batch_size=64, shuffle=True)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
cvae = CVAE().to(device)
opt = torch.optim.RMSprop(cvae.parameters(), lr=2e-4)

for epoch in range(45):
    for i, (x, y) in enumerate(train_loader):
        x, y = x.to(device), y.to(device)
        rec_x, mu, logvar, predY = cvae(x)
        classLoss = class_loss_fn(pred=predY, target=y)
        loss = vae_loss_fn(rec_x, x, mu, logvar) + classLoss
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i % 100 == 0:
            print(f"[{epoch}, {i}] vae+class loss {loss.item():.3f} class {classLoss.item():.3f}")
