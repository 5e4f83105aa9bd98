import numpy as np
import torch
from torch import nn


class GridWorld:
    """A small maze; the observation is the agent's position and the goal's, scaled."""

    def __init__(self, size=8):
        self.size = size
        self.agent = (0, 0)
        self.goal = (size - 1, size - 1)

    def observation(self):
        cells = np.asarray([*self.agent, *self.goal], dtype=np.float64)
        return cells / self.size


class Policy(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 32), nn.Tanh(), nn.Linear(32, 4))

    def forward(self, obs):
        return self.body(obs)


def act(policy, env, device):
    # the dtype is said where the batch is made
    batch = torch.tensor([env.observation()], dtype=torch.float32).to(device)
    return policy(batch).argmax(-1).item()


if __name__ == "__main__":
    print(act(Policy(), GridWorld(), torch.device("cpu")))

