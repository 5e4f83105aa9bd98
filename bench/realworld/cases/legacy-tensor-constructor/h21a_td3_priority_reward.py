# source: https://github.com/reiniscimurs/DRL-robot-navigation/issues/142
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class
# bug-lines: 57, 58
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import copy

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Actor(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(state_dim, 800), nn.ReLU(),
                                 nn.Linear(800, 600), nn.ReLU(), nn.Linear(600, action_dim), nn.Tanh())

    def forward(self, s):
        return self.net(s)


class Critic(nn.Module):
    def __init__(self, state_dim, action_dim):
        super().__init__()
        self.q1 = nn.Sequential(nn.Linear(state_dim + action_dim, 800), nn.ReLU(), nn.Linear(800, 1))
        self.q2 = nn.Sequential(nn.Linear(state_dim + action_dim, 800), nn.ReLU(), nn.Linear(800, 1))

    def forward(self, s, a):
        sa = torch.cat([s, a], 1)
        return self.q1(sa), self.q2(sa)


class TD3(object):
    def __init__(self, state_dim, action_dim, max_action, discount=0.99999):
        self.actor = Actor(state_dim, action_dim).to(device)
        self.actor_target = copy.deepcopy(self.actor)
        self.critic = Critic(state_dim, action_dim).to(device)
        self.critic_target = copy.deepcopy(self.critic)
        self.max_action = max_action
        self.discount = discount

    def get_action(self, state):
        state = torch.Tensor(state.reshape(1, -1)).to(device)
        return self.actor(state).cpu().data.numpy().flatten()

    def to_priority(self, state, action, reward, done, next_state):
        # TD error of a single transition, used as its priority in the replay buffer
        state = torch.Tensor(state.reshape(1, -1)).to(device)
        action = torch.Tensor(action.reshape(1, -1)).to(device)
        next_state = torch.Tensor(next_state.reshape(1, -1)).to(device)
        reward = torch.Tensor([reward])
        done = torch.Tensor([done])
        with torch.no_grad():
            next_action = self.actor_target(next_state)
            target_Q1, target_Q2 = self.critic_target(next_state, next_action)
            target_Q = torch.min(target_Q1, target_Q2)
            target_Q = reward + self.discount * (1 - done) * target_Q
            current_Q1, _ = self.critic(state, action)
        return float(torch.abs(target_Q - current_Q1).item()) + 1e-6


if __name__ == "__main__":
    network = TD3(state_dim=24, action_dim=2, max_action=1)
    state, next_state = np.random.rand(24), np.random.rand(24)
    action = network.get_action(state)
    done_bool = 0
    priority = network.to_priority(state, action, -0.12, done_bool, next_state)
    print("priority", priority)
