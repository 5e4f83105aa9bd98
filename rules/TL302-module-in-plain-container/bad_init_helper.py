import torch.nn as nn


def init_(module, gain=0.01):
    # initializes the layer in place and hands it back
    nn.init.orthogonal_(module.weight, gain=gain)
    nn.init.constant_(module.bias, 0.0)
    return module


class Critic(nn.Module):
    def __init__(self, obs_dim, hidden=64, heads=2):
        super().__init__()
        self.body = nn.Sequential(init_(nn.Linear(obs_dim, hidden)), nn.ReLU())
        self.q_outs = [init_(nn.Linear(hidden, 1)) for _ in range(heads)]  # expect: TL302:9

    def forward(self, obs):
        x = self.body(obs)
        return [q(x) for q in self.q_outs]
