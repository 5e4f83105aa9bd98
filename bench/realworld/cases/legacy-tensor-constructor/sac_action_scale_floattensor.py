# source: https://github.com/vwxyzjn/cleanrl/pull/302
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 26, 27
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Box:
    def __init__(self, low, high):
        self.low, self.high = np.asarray(low, dtype=np.float32), np.asarray(high, dtype=np.float32)
        self.shape = self.low.shape


class Actor(nn.Module):
    def __init__(self, obs_dim, action_space, device):
        super().__init__()
        self.fc1 = nn.Linear(obs_dim, 64)
        self.fc_mean = nn.Linear(64, action_space.shape[0])
        self.fc_logstd = nn.Linear(64, action_space.shape[0])
        self.action_scale = torch.FloatTensor((action_space.high - action_space.low) / 2.0, device=device)
        self.action_bias = torch.FloatTensor((action_space.high + action_space.low) / 2.0, device=device)

    def get_action(self, x):
        h = F.relu(self.fc1(x))
        mean, log_std = self.fc_mean(h), torch.clamp(self.fc_logstd(h), -5, 2)
        normal = torch.distributions.Normal(mean, log_std.exp())
        y_t = torch.tanh(normal.rsample())
        return y_t * self.action_scale + self.action_bias


def make_actor(args, action_space):
    device = torch.device("cuda" if torch.cuda.is_available() and args["cuda"] else "cpu")
    return Actor(args["obs_dim"], action_space, device).to(device), device


if __name__ == "__main__":
    space = Box(low=[-2.0, -1.0], high=[2.0, 1.0])
    actor, device = make_actor({"cuda": True, "obs_dim": 8}, space)
    obs = torch.randn(5, 8, device=device)
    print(actor.get_action(obs))
