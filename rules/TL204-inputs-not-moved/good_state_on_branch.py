# The recurrent state exists only for a recurrent policy, made in `__init__` under
# that test on the device the policy is moved to.
import torch
from torch import nn


class Policy(nn.Module):
    def __init__(self, obs_dim, hidden=32, recurrent=True):
        super().__init__()
        self.recurrent = recurrent
        self.encode = nn.Linear(obs_dim, hidden)
        self.cell = nn.LSTMCell(hidden, hidden)
        self.head = nn.Linear(hidden, 4)

    def forward(self, obs, state):
        h, c = self.cell(self.encode(obs), state)
        return self.head(h), (h, c)


class Runner:
    def __init__(self, policy, device, envs=8):
        self.policy = policy
        if policy.recurrent:
            self.state = (torch.zeros(envs, 32, device=device), torch.zeros(envs, 32, device=device))
        self.policy.to(device)
        self.device = device

    def step(self, obs):
        logits, self.state = self.policy(obs.to(self.device), self.state)
        return logits.argmax(-1)


if __name__ == "__main__":
    runner = Runner(Policy(6), torch.device("cuda"))
    print(runner.step(torch.randn(8, 6)))
