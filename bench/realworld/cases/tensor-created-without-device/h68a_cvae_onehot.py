# source: https://github.com/timbmg/VAE-CVAE-MNIST/pull/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# bug-lines: 19, 20
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def idx2onehot(idx, n):
    assert torch.max(idx).item() < n
    if idx.dim() == 1:
        idx = idx.unsqueeze(1)
    onehot = torch.zeros(idx.size(0), n)
    onehot.scatter_(1, idx, 1)
    return onehot


class CVAE(nn.Module):
    def __init__(self, latent_size=2, num_labels=10):
        super().__init__()
        self.num_labels = num_labels
        self.enc = nn.Sequential(nn.Linear(784 + num_labels, 256), nn.ReLU())
        self.mu = nn.Linear(256, latent_size)
        self.logvar = nn.Linear(256, latent_size)
        self.dec = nn.Sequential(nn.Linear(latent_size + num_labels, 256), nn.ReLU(),
                                 nn.Linear(256, 784), nn.Sigmoid())

    def forward(self, x, c):
        c = idx2onehot(c, n=self.num_labels)
        h = self.enc(torch.cat((x.view(-1, 784), c), dim=-1))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        recon = self.dec(torch.cat((z, c), dim=-1))
        return recon, mu, logvar


def loss_fn(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (bce + kld) / x.size(0)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
loader = DataLoader(datasets.MNIST("data", train=True, download=True, transform=transforms.ToTensor()),
                    batch_size=64, shuffle=True)
vae = CVAE().to(device)
optimizer = torch.optim.Adam(vae.parameters(), lr=1e-3)

for epoch in range(10):
    for iteration, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        recon_x, mu, logvar = vae(x, y)
        loss = loss_fn(recon_x, x, mu, logvar)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if iteration % 100 == 0:
            print(f"epoch {epoch:02d} batch {iteration:04d} loss {loss.item():9.4f}")
