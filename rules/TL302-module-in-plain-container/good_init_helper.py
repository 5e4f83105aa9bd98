import torch.nn as nn


def init_(module, gain=0.01):
    nn.init.orthogonal_(module.weight, gain=gain)
    nn.init.constant_(module.bias, 0.0)
    return module


def activation(module):
    return module


class Critic(nn.Module):
    def __init__(self, obs_dim, hidden=64, heads=2):
        super().__init__()
        self.body = nn.Sequential(init_(nn.Linear(obs_dim, hidden)), nn.ReLU())
        # registered: a ModuleList of what the helper hands back
        self.q_outs = nn.ModuleList([init_(nn.Linear(hidden, 1)) for _ in range(heads)])
        # a plain list of what holds no weights loses nothing
        self.acts = [activation(nn.ReLU()) for _ in range(heads)]

    def forward(self, obs):
        x = self.body(obs)
        return [act(q(x)) for q, act in zip(self.q_outs, self.acts)]
