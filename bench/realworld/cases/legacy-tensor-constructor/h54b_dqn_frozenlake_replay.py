# source: https://github.com/pytorch/tutorials/pull/39
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: legacy-tensor-constructor
# shape: class, batch-dict
# bug-lines: 43, 48
# needs: torch, numpy, gymnasium
# cpu: no written where torch was not installed; not run
import random
from collections import deque, namedtuple

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

Transition = namedtuple("Transition", ("state", "action", "next_state", "reward", "done"))


class MazeDQNAgent:
    def __init__(self, obs_dim, n_actions, device, gamma=0.97, capacity=50_000):
        self.device, self.gamma, self.n_actions = device, gamma, n_actions
        make = lambda: nn.Sequential(nn.Linear(obs_dim, 256), nn.ReLU(), nn.Linear(256, n_actions))
        self.policy_net, self.target_net = make().to(device), make().to(device)
        self.target_net.load_state_dict(self.policy_net.state_dict())
        self.optimizer = torch.optim.Adam(self.policy_net.parameters(), lr=5e-4)
        self.memory = deque(maxlen=capacity)

    def select_action(self, state, eps):
        if random.random() < eps:
            return random.randrange(self.n_actions)
        with torch.no_grad():
            s = torch.as_tensor(state, device=self.device).unsqueeze(0)
            return int(self.policy_net(s).argmax(1).item())

    def optimize(self, batch_size=64):
        if len(self.memory) < batch_size:
            return None
        batch = Transition(*zip(*random.sample(self.memory, batch_size)))
        states = torch.as_tensor(np.stack(batch.state), device=self.device)
        next_states = torch.as_tensor(np.stack(batch.next_state), device=self.device)
        actions = torch.as_tensor(batch.action, device=self.device).unsqueeze(1)
        rewards = torch.FloatTensor(batch.reward)
        dones = torch.as_tensor(batch.done, dtype=torch.float32, device=self.device)
        q = self.policy_net(states).gather(1, actions).squeeze(1)
        with torch.no_grad():
            next_q = self.target_net(next_states).max(1)[0]
        target = rewards + self.gamma * next_q * (1.0 - dones)
        loss = F.smooth_l1_loss(q, target)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()


def one_hot(state, n_states=64):
    return np.eye(n_states, dtype=np.float32)[state]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    env = gym.make("FrozenLake-v1", map_name="8x8", is_slippery=False)
    agent = MazeDQNAgent(env.observation_space.n, env.action_space.n, device)
    for episode in range(2000):
        state, done = one_hot(env.reset()[0]), False
        while not done:
            action = agent.select_action(state, eps=max(0.05, 1.0 - episode / 1500))
            obs, reward, terminated, truncated, _ = env.step(action)
            next_state, done = one_hot(obs), terminated or truncated
            agent.memory.append(Transition(state, action, next_state, float(reward), float(terminated)))
            state = next_state
            agent.optimize()
        if episode % 20 == 0:
            agent.target_net.load_state_dict(agent.policy_net.state_dict())
