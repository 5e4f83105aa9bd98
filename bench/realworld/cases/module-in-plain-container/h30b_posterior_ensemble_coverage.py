# source: https://github.com/maho3/ltu-ili/issues/179
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 30, 35
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class GaussianPosterior(nn.Module):
    """Amortized diagonal-Gaussian posterior q(theta | x)."""

    def __init__(self, theta_dim, x_dim, hidden=64):
        super().__init__()
        self.embed = nn.Sequential(nn.Linear(x_dim, hidden), nn.GELU(), nn.Linear(hidden, 2 * theta_dim))

    def sample(self, n, x):
        mu, log_sigma = self.embed(x).chunk(2, dim=-1)
        eps = torch.randn(n, mu.shape[-1], device=x.device)
        return mu + eps * log_sigma.exp()


class PosteriorEnsemble(nn.Module):
    def __init__(self, posteriors, weights):
        super().__init__()
        self.posteriors = list(posteriors)
        self.register_buffer("weights", torch.as_tensor(weights, dtype=torch.float32))

    def sample(self, n, x):
        counts = torch.distributions.Multinomial(n, probs=self.weights).sample().long().tolist()
        draws = [post.sample(k, x) for post, k in zip(self.posteriors, counts) if k > 0]
        return torch.cat(draws, dim=0)


def load_ensemble(paths, theta_dim, x_dim):
    members = []
    for path in paths:
        post = GaussianPosterior(theta_dim, x_dim)
        post.load_state_dict(torch.load(path, map_location="cpu"))
        members.append(post.eval())
    return PosteriorEnsemble(members, [1.0 / len(members)] * len(members))


@torch.no_grad()
def rank_statistics(ensemble, loader, device, n_samples=500):
    ranks = []
    for theta, x in loader:
        theta, x = theta.to(device), x.to(device)
        for i in range(x.shape[0]):
            samples = ensemble.sample(n_samples, x[i])
            ranks.append((samples < theta[i]).sum(dim=0))
    return torch.stack(ranks).float() / n_samples


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ensemble = load_ensemble(["npe_0.pt", "npe_1.pt", "npe_2.pt"], theta_dim=3, x_dim=20)
    ensemble.to(device)

    val = torch.load("val_pairs.pt", map_location="cpu")
    loader = DataLoader(TensorDataset(val["theta"], val["x"]), batch_size=64)
    ranks = rank_statistics(ensemble, loader, device)
    print("mean normalised rank per parameter:", ranks.mean(dim=0).tolist())
