# source: https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/15 https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/32
# error: RuntimeError: Expected object of backend CPU but got backend CUDA for argument #4 'mat1'
# pattern: hard-coded-cuda
# shape: multi-file, class, batch-dict
# bug-lines: 25
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import random
from collections import deque, namedtuple

import numpy as np
import torch

Experience = namedtuple("Experience", ["state", "action", "reward", "next_state", "done"])


class ReplayBuffer:
    """Fixed-size store of past transitions, sampled uniformly for DQN updates."""

    def __init__(self, capacity, batch_size, seed=0):
        self.memory = deque(maxlen=capacity)
        self.batch_size = batch_size
        random.seed(seed)
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")

    def add(self, state, action, reward, next_state, done):
        self.memory.append(Experience(state, action, reward, next_state, done))

    def sample(self, batch_size=None):
        batch = random.sample(self.memory, k=batch_size or self.batch_size)
        return self._to_tensors(batch)

    def _to_tensors(self, batch):
        states = torch.from_numpy(np.vstack([e.state for e in batch])).float().to(self.device)
        actions = torch.from_numpy(np.vstack([e.action for e in batch])).long().to(self.device)
        rewards = torch.from_numpy(np.vstack([e.reward for e in batch])).float().to(self.device)
        next_states = torch.from_numpy(np.vstack([e.next_state for e in batch])).float().to(self.device)
        dones = torch.from_numpy(np.vstack([float(e.done) for e in batch])).float().to(self.device)
        return states, actions, rewards, next_states, dones

    def __len__(self):
        return len(self.memory)
