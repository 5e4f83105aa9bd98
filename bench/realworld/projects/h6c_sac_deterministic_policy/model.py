# source: https://github.com/pranz24/pytorch-soft-actor-critic/pull/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 61, 62, 63
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Normal

LOG_SIG_MAX, LOG_SIG_MIN, EPS = 2, -20, 1e-6


class QNetwork(nn.Module):
    def __init__(self, num_inputs, num_actions, hidden_dim):
        super().__init__()
        self.q1 = nn.Sequential(nn.Linear(num_inputs + num_actions, hidden_dim), nn.ReLU(),
                                nn.Linear(hidden_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, 1))
        self.q2 = nn.Sequential(nn.Linear(num_inputs + num_actions, hidden_dim), nn.ReLU(),
                                nn.Linear(hidden_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, 1))

    def forward(self, state, action):
        xu = torch.cat([state, action], 1)
        return self.q1(xu), self.q2(xu)


class GaussianPolicy(nn.Module):
    def __init__(self, num_inputs, num_actions, hidden_dim, action_space):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(num_inputs, hidden_dim), nn.ReLU(),
                                   nn.Linear(hidden_dim, hidden_dim), nn.ReLU())
        self.mean_linear = nn.Linear(hidden_dim, num_actions)
        self.log_std_linear = nn.Linear(hidden_dim, num_actions)
        self.action_scale = torch.as_tensor((action_space.high - action_space.low) / 2., dtype=torch.float32)
        self.action_bias = torch.as_tensor((action_space.high + action_space.low) / 2., dtype=torch.float32)

    def sample(self, state):
        h = self.trunk(state)
        mean, log_std = self.mean_linear(h), self.log_std_linear(h).clamp(LOG_SIG_MIN, LOG_SIG_MAX)
        normal = Normal(mean, log_std.exp())
        x_t = normal.rsample()
        y_t = torch.tanh(x_t)
        action = y_t * self.action_scale + self.action_bias
        log_prob = normal.log_prob(x_t) - torch.log(self.action_scale * (1 - y_t.pow(2)) + EPS)
        return action, log_prob.sum(1, keepdim=True), torch.tanh(mean) * self.action_scale + self.action_bias

    def to(self, device):
        self.action_scale = self.action_scale.to(device)
        self.action_bias = self.action_bias.to(device)
        return super().to(device)


class DeterministicPolicy(nn.Module):
    def __init__(self, num_inputs, num_actions, hidden_dim, action_space):
        super().__init__()
        self.linear1 = nn.Linear(num_inputs, hidden_dim)
        self.linear2 = nn.Linear(hidden_dim, hidden_dim)
        self.mean = nn.Linear(hidden_dim, num_actions)
        self.noise = torch.empty(num_actions)
        self.action_scale = torch.as_tensor((action_space.high - action_space.low) / 2., dtype=torch.float32)
        self.action_bias = torch.as_tensor((action_space.high + action_space.low) / 2., dtype=torch.float32)

    def forward(self, state):
        x = F.relu(self.linear2(F.relu(self.linear1(state))))
        return torch.tanh(self.mean(x)) * self.action_scale + self.action_bias

    def sample(self, state):
        mean = self.forward(state)
        noise = self.noise.normal_(0., std=0.1).clamp(-0.25, 0.25)
        action = mean + noise
        return action, torch.tensor(0.), mean
