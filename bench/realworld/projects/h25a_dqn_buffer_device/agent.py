# source: https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/15 https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/32
# error: RuntimeError: Expected object of backend CPU but got backend CUDA for argument #4 'mat1'
# pattern: hard-coded-cuda
# shape: multi-file, class, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import random

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from replay_buffer import ReplayBuffer


class QNetwork(nn.Module):
    def __init__(self, state_size, action_size, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(state_size, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, action_size)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.out(x)


class DQNAgent:
    def __init__(self, config):
        self.config = config
        self.device = torch.device("cuda:0" if config.use_gpu else "cpu")
        self.q_local = QNetwork(config.state_size, config.action_size).to(self.device)
        self.q_target = QNetwork(config.state_size, config.action_size).to(self.device)
        self.q_target.load_state_dict(self.q_local.state_dict())
        self.optimizer = torch.optim.Adam(self.q_local.parameters(), lr=config.lr)
        self.memory = ReplayBuffer(config.buffer_size, config.batch_size, config.seed)
        self.steps = 0

    def act(self, state, eps=0.0):
        if random.random() < eps:
            return random.randrange(self.config.action_size)
        state_t = torch.from_numpy(np.asarray(state)).float().unsqueeze(0).to(self.device)
        with torch.no_grad():
            return int(self.q_local(state_t).argmax(dim=1).item())

    def step(self, state, action, reward, next_state, done):
        self.memory.add(state, action, reward, next_state, done)
        self.steps += 1
        if len(self.memory) >= self.config.batch_size and self.steps % self.config.update_every == 0:
            self.learn()

    def learn(self):
        states, actions, rewards, next_states, dones = self.memory.sample()
        loss = self.compute_loss(states, next_states, rewards, actions, dones)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.soft_update(self.config.tau)

    def compute_loss(self, states, next_states, rewards, actions, dones):
        q_targets = self.compute_q_targets(next_states, rewards, dones)
        q_expected = self.q_local(states).gather(1, actions)
        return F.mse_loss(q_expected, q_targets)

    def compute_q_targets(self, next_states, rewards, dones):
        q_next = self.q_target(next_states).detach().max(1)[0].unsqueeze(1)
        return rewards + self.config.gamma * q_next * (1.0 - dones)

    def soft_update(self, tau):
        for tgt, src in zip(self.q_target.parameters(), self.q_local.parameters()):
            tgt.data.copy_(tau * src.data + (1.0 - tau) * tgt.data)
