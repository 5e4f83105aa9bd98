# source: https://github.com/kozistr/pytorch_optimizer/issues/266 https://github.com/banctilrobitaille/kerosene/issues/111
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: clean
"""Shared-trunk actor-critic for discrete-action PPO."""
import torch
import torch.nn as nn


def orthogonal_init(layer, gain=2 ** 0.5):
    nn.init.orthogonal_(layer.weight, gain)
    nn.init.zeros_(layer.bias)
    return layer


class ActorCritic(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=64):
        super().__init__()
        self.trunk = nn.Sequential(
            orthogonal_init(nn.Linear(obs_dim, hidden)), nn.Tanh(),
            orthogonal_init(nn.Linear(hidden, hidden)), nn.Tanh())
        self.policy_head = orthogonal_init(nn.Linear(hidden, n_actions), gain=0.01)
        self.value_head = orthogonal_init(nn.Linear(hidden, 1), gain=1.0)

    def forward(self, obs):
        h = self.trunk(obs)
        return torch.distributions.Categorical(logits=self.policy_head(h)), self.value_head(h).squeeze(-1)
