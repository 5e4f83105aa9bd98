# source: https://github.com/HumanCompatibleAI/imitation/issues/820
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA_gather)
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Discrete-action actor-critic policy used for BC pre-training."""
import torch
import torch.nn as nn
from torch.distributions import Categorical


class DiscretePolicy(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=64):
        super().__init__()
        self.trunk = nn.Sequential(
            nn.Linear(obs_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh()
        )
        self.action_net = nn.Linear(hidden, n_actions)
        self.value_net = nn.Linear(hidden, 1)

    @property
    def device(self):
        return next(self.parameters()).device

    def distribution(self, obs):
        return Categorical(logits=self.action_net(self.trunk(obs)))

    def evaluate_actions(self, obs, actions):
        dist = self.distribution(obs)
        log_prob = dist.log_prob(actions)
        return self.value_net(self.trunk(obs)).squeeze(-1), log_prob, dist.entropy()

    @torch.no_grad()
    def predict(self, obs):
        obs = torch.as_tensor(obs, dtype=torch.float32, device=self.device)
        return self.distribution(obs).probs.argmax(-1).cpu().numpy()
