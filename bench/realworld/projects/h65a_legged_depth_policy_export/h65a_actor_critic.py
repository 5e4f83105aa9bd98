# source: https://github.com/leggedrobotics/rsl_rl/pull/189
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: stale-alias
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class EmpiricalNormalization(nn.Module):
    def __init__(self, dim, eps=1e-2):
        super().__init__()
        self.eps = eps
        self.register_buffer("mean", torch.zeros(dim))
        self.register_buffer("var", torch.ones(dim))
        self.register_buffer("count", torch.zeros(()))

    def forward(self, x):
        if self.training:
            n = x.shape[0]
            delta = x.mean(0) - self.mean
            self.count += n
            self.mean += delta * n / self.count
            self.var += ((x.var(0, unbiased=False) - self.var) + delta ** 2) * n / self.count
        return (x - self.mean) / torch.sqrt(self.var + self.eps)


def depth_encoder(out_dim=64):
    return nn.Sequential(
        nn.Conv2d(1, 16, 5, stride=2), nn.ELU(),
        nn.Conv2d(16, 32, 3, stride=2), nn.ELU(),
        nn.AdaptiveAvgPool2d((4, 4)), nn.Flatten(), nn.Linear(32 * 16, out_dim), nn.ELU(),
    )


class CNNActorCritic(nn.Module):
    obs_groups_2d = ("depth_front", "depth_rear")

    def __init__(self, num_proprio, num_actions, latent_dim=64):
        super().__init__()
        self.obs_normalizer = EmpiricalNormalization(num_proprio)
        self.cnns = nn.ModuleDict({g: depth_encoder(latent_dim) for g in self.obs_groups_2d})
        in_dim = num_proprio + latent_dim * len(self.obs_groups_2d)
        self.mlp = nn.Sequential(nn.Linear(in_dim, 256), nn.ELU(), nn.Linear(256, 128), nn.ELU(),
                                 nn.Linear(128, num_actions))
        self.critic = nn.Sequential(nn.Linear(in_dim, 256), nn.ELU(), nn.Linear(256, 1))
        self.log_std = nn.Parameter(torch.zeros(num_actions))

    def encode(self, obs):
        latents = [self.cnns[g](obs[g]) for g in self.obs_groups_2d]
        return torch.cat([self.obs_normalizer(obs["proprio"])] + latents, dim=-1)

    def act(self, obs):
        z = self.encode(obs)
        dist = torch.distributions.Normal(self.mlp(z), self.log_std.exp())
        actions = dist.sample()
        return actions, dist.log_prob(actions).sum(-1), self.critic(z).squeeze(-1)
