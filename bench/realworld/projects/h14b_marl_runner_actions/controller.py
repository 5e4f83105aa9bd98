# source: https://github.com/floracharbo/MARL_local_electricity/pull/65
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class RNNAgent(nn.Module):
    def __init__(self, input_shape, n_actions, hidden_dim=64):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.fc1 = nn.Linear(input_shape, hidden_dim)
        self.rnn = nn.GRUCell(hidden_dim, hidden_dim)
        self.fc2 = nn.Linear(hidden_dim, n_actions)

    def init_hidden(self):
        return self.fc1.weight.new_zeros(1, self.hidden_dim)

    def forward(self, inputs, hidden):
        h = self.rnn(F.relu(self.fc1(inputs)), hidden)
        return self.fc2(h), h


class BasicMAC:
    """Shared-parameter controller for all homes (agents)."""

    def __init__(self, n_agents, obs_dim, n_actions, device):
        self.n_agents = n_agents
        self.device = device
        self.agent = RNNAgent(obs_dim + n_agents, n_actions).to(device)
        self.hidden_states = None

    def init_hidden(self, batch_size):
        h = self.agent.init_hidden().unsqueeze(0)
        self.hidden_states = h.expand(batch_size, self.n_agents, -1)

    def _build_inputs(self, batch, t):
        obs = batch["obs"][:, t]
        ids = torch.eye(self.n_agents, device=self.device).expand(obs.shape[0], -1, -1)
        return torch.cat([obs, ids], dim=-1).reshape(obs.shape[0] * self.n_agents, -1)

    def forward(self, batch, t):
        q, h = self.agent(self._build_inputs(batch, t), self.hidden_states.reshape(-1, self.agent.hidden_dim))
        self.hidden_states = h.view(-1, self.n_agents, self.agent.hidden_dim)
        return q.view(-1, self.n_agents, q.shape[-1])

    @torch.no_grad()
    def select_actions(self, batch, t, epsilon):
        q = self.forward(batch, t)
        greedy = q.argmax(dim=-1)
        random_actions = torch.randint_like(greedy, q.shape[-1])
        explore = torch.rand(greedy.shape, device=greedy.device) < epsilon
        return torch.where(explore, random_actions, greedy)
