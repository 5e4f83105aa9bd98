# source: https://github.com/NVIDIA-NeMo/RL/pull/1734
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: helper, batch-dict
# bug-lines: 31, 36
# cpu: clean
# needs: torch

import torch
import torch.nn as nn
from torch.func import functional_call


class PolicyMLP(nn.Module):
    def __init__(self, obs_dim=16, hidden=64, n_actions=4):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.logits = nn.Linear(hidden, n_actions)

    def forward(self, obs):
        return self.logits(self.body(obs))


def export_weights(trainer_model):
    """Trainer side: snapshot the weights to host memory for the refit."""
    return {name: p.detach().cpu().clone() for name, p in trainer_model.named_parameters()}


def load_for_generation(state, device):
    for name, v in state.items():
        v = v.to(device, non_blocking=True)
    return state


def rollout(policy, weights, obs):
    logits = functional_call(policy, weights, (obs,))
    return torch.distributions.Categorical(logits=logits).sample()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trainer_model = PolicyMLP()
    policy = PolicyMLP().to(device)
    for step in range(3):
        weights = load_for_generation(export_weights(trainer_model), device)
        obs = torch.randn(32, 16, device=device)
        actions = rollout(policy, weights, obs)
        print(step, actions[:8].tolist())
