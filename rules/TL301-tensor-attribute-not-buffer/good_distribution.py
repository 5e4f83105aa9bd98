# The prior's loc and scale are buffers, which model.to(device) moves, and the
# distribution is built from them in forward, on the latents' device. A prior of
# plain numbers holds 0-dim tensors, which mix with tensors on any device.
import torch
from torch import nn
from torch.distributions import Normal


class LatentPrior(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.encoder = nn.Linear(784, 2 * latent_dim)
        self.register_buffer("prior_loc", torch.zeros(latent_dim))
        self.register_buffer("prior_scale", torch.ones(latent_dim))
        self.unit = Normal(0.0, 1.0)

    def forward(self, x):
        mu, log_var = self.encoder(x).chunk(2, dim=-1)
        z = mu + torch.randn_like(mu) * (0.5 * log_var).exp()
        prior = Normal(self.prior_loc, self.prior_scale)
        return -prior.log_prob(z).sum(-1).mean() - self.unit.log_prob(mu).mean()


class NoiseSampler(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.noise = Normal(torch.zeros(dim), torch.ones(dim))

    def forward(self, x):
        # (each draw is moved to the input's device before it meets it)
        return x + self.noise.sample((x.size(0),)).to(x.device)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = LatentPrior(16).to(device)
    model(torch.rand(32, 784, device=device)).backward()
    print(NoiseSampler(16).to(device)(torch.rand(4, 16, device=device)))
