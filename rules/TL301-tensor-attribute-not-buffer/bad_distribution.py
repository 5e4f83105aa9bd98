# A VAE keeps its standard-normal prior as a torch.distributions object. A
# distribution is no module: model.to(device) leaves the loc and scale it was built
# from on the CPU, and the prior's log_prob meets the latents on the GPU.
import torch
from torch import nn
from torch.distributions import Normal


class LatentPrior(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.encoder = nn.Linear(784, 2 * latent_dim)
        self.prior = Normal(torch.zeros(latent_dim), torch.ones(latent_dim))  # expect: TL301:9 lines=18

    def forward(self, x):
        mu, log_var = self.encoder(x).chunk(2, dim=-1)
        z = mu + torch.randn_like(mu) * (0.5 * log_var).exp()
        return -self.prior.log_prob(z).sum(-1).mean()


if __name__ == "__main__":
    device = torch.device("cuda")
    model = LatentPrior(16).to(device)
    model(torch.rand(32, 784, device=device)).backward()
