# source: https://github.com/HumanCompatibleAI/imitation/issues/870
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch as th
import torch.nn as nn


class SDEGaussianPolicy(nn.Module):
    """Actor-critic with state-dependent exploration noise (pretrained with PPO, use_sde=True).

    The SDE distribution has no closed-form entropy, so evaluate_actions
    returns None for it, like the SB3 policies do.
    """

    def __init__(self, obs_dim, act_dim, hidden=64):
        super().__init__()
        self.latent = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.mu = nn.Linear(hidden, act_dim)
        self.value = nn.Linear(hidden, 1)
        self.log_std = nn.Parameter(th.full((hidden, act_dim), -2.0))

    def _distribution(self, latent):
        variance = (latent ** 2) @ (self.log_std.exp() ** 2)
        return th.distributions.Normal(self.mu(latent), variance.clamp(min=1e-6).sqrt())

    def evaluate_actions(self, obs, actions):
        latent = self.latent(obs)
        dist = self._distribution(latent)
        log_prob = dist.log_prob(actions).sum(dim=-1)
        entropy = None  # no analytic entropy for the SDE noise
        return self.value(latent).squeeze(-1), log_prob, entropy
