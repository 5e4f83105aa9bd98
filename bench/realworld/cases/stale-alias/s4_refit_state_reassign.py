# source: https://github.com/NVIDIA-NeMo/RL/pull/1734
# error: none (look-alike: moved tensors are written back into the dict; the weight alias is re-read after the move)
# pattern: stale-alias
# shape: helper, batch-dict, class
# looks-like: stale-alias
# cpu: clean
# needs: torch

import torch
import torch.nn as nn
from torch.func import functional_call


class PolicyMLP(nn.Module):
    def __init__(self, obs_dim=16, hidden=64, n_actions=4):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh())
        self.logits = nn.Linear(hidden, n_actions)

    def forward(self, obs):
        return self.logits(self.body(obs))


def load_for_generation(state, device):
    for name, v in list(state.items()):
        v = v.to(device, non_blocking=True)
        state[name] = v
    return state


class Critic:
    def __init__(self, device, n_actions=4):
        self.criterion = nn.CrossEntropyLoss(weight=torch.ones(n_actions)).to(device)
        self.class_weights = self.criterion.weight

    def reweight(self, counts):
        self.class_weights.copy_(counts.sum() / (counts.float().clamp(min=1) * counts.numel()))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trainer_model = PolicyMLP()
    policy = PolicyMLP().to(device)
    critic = Critic(device)
    weights = {n: p.detach().cpu().clone() for n, p in trainer_model.named_parameters()}
    weights = load_for_generation(weights, device)
    obs = torch.randn(32, 16, device=device)
    logits = functional_call(policy, weights, (obs,))
    actions = logits.argmax(-1)
    critic.reweight(torch.bincount(actions, minlength=4))
    print(critic.criterion(logits, actions).item(), critic.criterion.weight.tolist())
