# source: https://github.com/pytorch/pytorch/issues/729
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: type-cast-without-device
# shape: helper, class
# bug-lines: 34
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Epsilon-greedy action selection for an Atari DQN with frames kept on the GPU."""
import random
from collections import deque

import numpy as np
import torch
import torch.nn as nn


class FrameStack:
    def __init__(self, k, device):
        self.frames = deque(maxlen=k)
        self.k, self.device = k, device

    def reset(self, frame):
        for _ in range(self.k):
            self.push(frame)

    def push(self, frame):
        self.frames.append(torch.from_numpy(frame).to(self.device))  # uint8 (84, 84)

    def state(self):
        return torch.stack(list(self.frames), dim=0)


def to_network_input(state_u8):
    return state_u8.unsqueeze(0).type(torch.FloatTensor) / 255.0


class QNetwork(nn.Module):
    def __init__(self, n_actions, k=4):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(k, 32, 8, stride=4), nn.ReLU(),
            nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
            nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(), nn.Flatten(),
        )
        self.head = nn.Sequential(nn.Linear(64 * 7 * 7, 512), nn.ReLU(), nn.Linear(512, n_actions))

    def forward(self, x):
        return self.head(self.features(x))


def select_action(qnet, stack, epsilon, n_actions):
    if random.random() < epsilon:
        return random.randrange(n_actions)
    with torch.no_grad():
        q_values = qnet(to_network_input(stack.state()))
    return int(q_values.argmax(dim=1).item())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    qnet = QNetwork(n_actions=6).to(device)
    stack = FrameStack(4, device)
    stack.reset(np.zeros((84, 84), dtype=np.uint8))
    for t in range(10):
        action = select_action(qnet, stack, epsilon=0.05, n_actions=6)
        stack.push(np.random.randint(0, 255, (84, 84), dtype=np.uint8))
        print(t, action)
