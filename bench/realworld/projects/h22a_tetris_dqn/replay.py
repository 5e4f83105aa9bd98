# source: https://github.com/seigot/tetris/issues/32 https://github.com/seigot/tetris/issues/56
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import random
from collections import deque

import torch


class ReplayMemory:
    def __init__(self, capacity=30000):
        self.buffer = deque(maxlen=capacity)

    def push(self, state, reward, next_state, done):
        self.buffer.append((state, reward, next_state, done))

    def __len__(self):
        return len(self.buffer)

    def sample(self, batch_size):
        batch = random.sample(self.buffer, min(len(self.buffer), batch_size))
        states, rewards, next_states, dones = zip(*batch)
        return {
            "state": torch.stack(states),
            "reward": torch.tensor(rewards, dtype=torch.float32)[:, None],
            "next_state": torch.stack(next_states),
            "done": torch.tensor(dones, dtype=torch.float32)[:, None],
        }
