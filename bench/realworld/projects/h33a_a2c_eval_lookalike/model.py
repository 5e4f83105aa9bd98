# source: https://github.com/ikostrikov/pytorch-a2c-ppo-acktr-gail/issues/117
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'mat1'
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.distributions import Categorical


class MLPBase(nn.Module):
    def __init__(self, num_inputs, hidden_size=64):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(num_inputs, hidden_size), nn.Tanh(),
                                   nn.Linear(hidden_size, hidden_size), nn.Tanh())
        self.critic = nn.Sequential(nn.Linear(num_inputs, hidden_size), nn.Tanh(),
                                    nn.Linear(hidden_size, hidden_size), nn.Tanh(),
                                    nn.Linear(hidden_size, 1))

    def forward(self, inputs, rnn_hxs, masks):
        return self.critic(inputs), self.actor(inputs), rnn_hxs


class Policy(nn.Module):
    def __init__(self, obs_dim, num_actions, hidden_size=64):
        super().__init__()
        self.base = MLPBase(obs_dim, hidden_size)
        self.dist = nn.Linear(hidden_size, num_actions)
        self.recurrent_hidden_state_size = 1

    def act(self, inputs, rnn_hxs, masks, deterministic=False):
        value, features, rnn_hxs = self.base(inputs, rnn_hxs, masks)
        dist = Categorical(logits=self.dist(features))
        action = dist.probs.argmax(-1) if deterministic else dist.sample()
        return value, action.unsqueeze(-1), dist.log_prob(action).unsqueeze(-1), rnn_hxs
