# source: https://github.com/pytorch/examples/issues/123
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: tensor-created-without-device
# shape: helper
# bug-lines: 38, 60
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Draw samples and latent interpolations from a trained MNIST VAE."""
import argparse

import torch
from torch import nn
from torchvision.utils import save_image


class VAE(nn.Module):
    def __init__(self, latent_dim=20):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, 400), nn.ReLU())
        self.mu = nn.Linear(400, latent_dim)
        self.logvar = nn.Linear(400, latent_dim)
        self.dec = nn.Sequential(nn.Linear(latent_dim, 400), nn.ReLU(), nn.Linear(400, 784), nn.Sigmoid())

    def encode(self, x):
        h = self.enc(x.view(-1, 784))
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        return self.dec(z).view(-1, 1, 28, 28)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
        return self.decode(z), mu, logvar


def sample_prior(num_samples, latent_dim, temperature=1.0):
    return torch.randn(num_samples, latent_dim) * temperature


def interpolate(model, z_start, z_end, steps=10):
    alphas = torch.linspace(0, 1, steps, device=z_start.device)[:, None]
    return model.decode((1 - alphas) * z_start + alphas * z_end)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="results/vae_mnist.pt")
    parser.add_argument("--latent_dim", type=int, default=20)
    parser.add_argument("--temperature", type=float, default=0.8)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = VAE(args.latent_dim).to(device)
    model.load_state_dict(torch.load(args.weights, map_location=device))
    model.eval()

    with torch.no_grad():
        z = sample_prior(64, args.latent_dim, args.temperature)
        samples = model.decode(z)
        save_image(samples.cpu(), "results/sample_grid.png", nrow=8)
        path = interpolate(model, z[:1].to(device), z[1:2].to(device), steps=16)
        save_image(path.cpu(), "results/interpolation.png", nrow=16)


if __name__ == "__main__":
    main()
