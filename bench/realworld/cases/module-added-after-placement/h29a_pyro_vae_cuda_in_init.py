# source: https://github.com/pyro-ppl/pyro/pull/538
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: class, loader-loop
# looks-like: module-added-after-placement
# needs: torch, torchvision, pyro-ppl
# cpu: no written where torch was not installed; not run
"""Vanilla VAE on MNIST with Pyro SVI; submodules are built before self.cuda()."""
import pyro
import pyro.distributions as dist
import torch
import torch.nn as nn
from pyro.infer import SVI, Trace_ELBO
from pyro.optim import Adam
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class Encoder(nn.Module):
    def __init__(self, z_dim, hidden_dim):
        super().__init__()
        self.fc1 = nn.Linear(784, hidden_dim)
        self.fc_loc, self.fc_scale = nn.Linear(hidden_dim, z_dim), nn.Linear(hidden_dim, z_dim)

    def forward(self, x):
        h = torch.relu(self.fc1(x.reshape(-1, 784)))
        return self.fc_loc(h), torch.exp(self.fc_scale(h))


class Decoder(nn.Module):
    def __init__(self, z_dim, hidden_dim):
        super().__init__()
        self.fc1 = nn.Linear(z_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, 784)

    def forward(self, z):
        return torch.sigmoid(self.fc2(torch.relu(self.fc1(z))))


class VAE(nn.Module):
    def __init__(self, z_dim=50, hidden_dim=400, use_cuda=False):
        super().__init__()
        self.encoder = Encoder(z_dim, hidden_dim)
        self.decoder = Decoder(z_dim, hidden_dim)
        self.z_dim = z_dim
        if use_cuda:
            self.cuda()

    def model(self, x):
        pyro.module("decoder", self.decoder)
        with pyro.plate("data", x.shape[0]):
            loc, scale = x.new_zeros((x.shape[0], self.z_dim)), x.new_ones((x.shape[0], self.z_dim))
            z = pyro.sample("latent", dist.Normal(loc, scale).to_event(1))
            probs = self.decoder(z)
            pyro.sample("obs", dist.Bernoulli(probs).to_event(1), obs=x.reshape(-1, 784))

    def guide(self, x):
        pyro.module("encoder", self.encoder)
        with pyro.plate("data", x.shape[0]):
            z_loc, z_scale = self.encoder(x)
            pyro.sample("latent", dist.Normal(z_loc, z_scale).to_event(1))


def main(epochs=20):
    use_cuda = torch.cuda.is_available()
    loader = DataLoader(datasets.MNIST("data", download=True, transform=transforms.ToTensor()),
                        batch_size=128, shuffle=True)
    vae = VAE(use_cuda=use_cuda)
    svi = SVI(vae.model, vae.guide, Adam({"lr": 1e-3}), loss=Trace_ELBO())
    for epoch in range(epochs):
        total = 0.0
        for x, _ in loader:
            if use_cuda:
                x = x.cuda()
            total += svi.step(x)
        print(f"epoch {epoch}: elbo loss {total / len(loader.dataset):.2f}")


if __name__ == "__main__":
    main()
