# source: https://github.com/pytorch/pytorch/issues/882
# error: RuntimeError: Input type (unsigned char) and bias type (float) should be the same
# pattern: integer-input
# shape: class, helper
# bug-lines: 45, 61
# cpu: raises "Input type (unsigned char)"
# needs: torch, numpy
import random
from collections import deque

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class DQN(nn.Module):
    def __init__(self, in_channels=4, num_actions=6):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=8, stride=4)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=4, stride=2)
        self.fc4 = nn.Linear(32 * 9 * 9, 128)
        self.fc5 = nn.Linear(128, num_actions)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.relu(self.fc4(x.view(x.size(0), -1)))
        return self.fc5(x)


class FrameStack:
    def __init__(self, k=4):
        self.frames = deque(maxlen=k)

    def push(self, frame):
        self.frames.append(frame)

    def reset(self, frame):
        for _ in range(self.frames.maxlen):
            self.frames.append(frame)
        return self.get()

    def get(self):
        return torch.from_numpy(np.stack(self.frames, axis=0))


class Agent:
    def __init__(self, num_actions=6, device="cpu"):
        self.device = device
        self.num_actions = num_actions
        self.q = DQN(num_actions=num_actions).to(device)
        self.target = DQN(num_actions=num_actions).to(device)
        self.target.load_state_dict(self.q.state_dict())
        self.eps = 0.1

    def select_action(self, obs):
        if random.random() < self.eps:
            return random.randrange(self.num_actions)
        with torch.no_grad():
            q_values = self.q(obs.unsqueeze(0).to(self.device))
        return int(q_values.argmax(1).item())


def fake_env_frame():
    return np.random.randint(0, 255, (84, 84), dtype=np.uint8)


if __name__ == "__main__":
    random.seed(0)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    agent = Agent(device=device)
    stack = FrameStack()
    obs = stack.reset(fake_env_frame())
    for step in range(5):
        action = agent.select_action(obs)
        stack.push(fake_env_frame())
        obs = stack.get()
        print(step, action)
