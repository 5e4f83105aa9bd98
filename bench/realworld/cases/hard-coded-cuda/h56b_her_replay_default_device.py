# source: https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/31
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'mat1'
# pattern: hard-coded-cuda
# shape: class, batch-dict
# bug-lines: 28, 54
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""DQN + hindsight experience replay for goal-conditioned bit flipping.
The agent honours config["use_GPU"]; the replay buffer picks its own device."""
import random
from collections import deque, namedtuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

Experience = namedtuple("Experience", ["state", "action", "reward", "next_state", "done"])


class ReplayBuffer:
    def __init__(self, buffer_size, batch_size, device=None):
        self.memory = deque(maxlen=buffer_size)
        self.batch_size = batch_size
        if device:
            self.device = torch.device(device)
        else:
            self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")

    def add_experience(self, state, action, reward, next_state, done):
        self.memory.append(Experience(state, action, reward, next_state, done))

    def sample(self):
        batch = random.sample(self.memory, k=self.batch_size)
        to_t = lambda xs: torch.from_numpy(np.vstack(xs)).float().to(self.device)
        return (to_t([e.state for e in batch]), to_t([e.action for e in batch]).long(),
                to_t([e.reward for e in batch]), to_t([e.next_state for e in batch]),
                to_t([float(e.done) for e in batch]))

    def __len__(self):
        return len(self.memory)


class DQNWithHER:
    def __init__(self, config, state_size, n_actions):
        self.device = "cuda:0" if config["use_GPU"] else "cpu"
        self.gamma = config["discount_rate"]
        self.q_local = nn.Sequential(nn.Linear(state_size, 64), nn.ReLU(),
                                     nn.Linear(64, n_actions)).to(self.device)
        self.optimizer = torch.optim.Adam(self.q_local.parameters(), lr=config["learning_rate"])
        self.memory = ReplayBuffer(config["buffer_size"], config["batch_size"], self.device)
        her_size = int(config["buffer_size"] * config["HER_sample_proportion"])
        her_batch = int(config["batch_size"] * config["HER_sample_proportion"])
        self.HER_memory = ReplayBuffer(her_size, her_batch)

    def learn(self):
        losses = []
        for buffer in (self.memory, self.HER_memory):
            states, actions, rewards, next_states, dones = buffer.sample()
            with torch.no_grad():
                next_q = self.q_local(next_states).max(1, keepdim=True)[0]
            target = rewards + self.gamma * next_q * (1 - dones)
            loss = F.mse_loss(self.q_local(states).gather(1, actions), target)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            losses.append(loss.item())
        return losses


if __name__ == "__main__":
    cfg = {"use_GPU": False, "discount_rate": 0.98, "learning_rate": 1e-3,
           "buffer_size": 10000, "batch_size": 128, "HER_sample_proportion": 0.8}
    agent = DQNWithHER(cfg, state_size=16, n_actions=8)
    for _ in range(300):
        s, ns = np.random.randint(0, 2, (2, 16)).astype(np.float32)
        agent.memory.add_experience(s, [random.randrange(8)], [-1.0], ns, False)
        agent.HER_memory.add_experience(s, [random.randrange(8)], [0.0], ns, True)
    print(agent.learn())
