# source: https://github.com/patrickloeber/snake-ai-pytorch/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 35, 38, 62, 63
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Snake-game DQN agent after moving the Q-network onto the GPU."""
import random
from collections import deque
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DEVICE = "cuda:0"


class LinearQNet(nn.Module):
    def __init__(self, in_size=11, hidden=256, out_size=3):
        super().__init__()
        self.linear1, self.linear2 = nn.Linear(in_size, hidden), nn.Linear(hidden, out_size)

    def forward(self, x):
        return self.linear2(F.relu(self.linear1(x)))


class QTrainer:
    def __init__(self, model, lr, gamma):
        self.model, self.gamma = model, gamma
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        self.criterion = nn.MSELoss()

    def train_step(self, states, actions, rewards, next_states):
        state = torch.tensor(np.array(states), dtype=torch.float)
        next_state = torch.tensor(np.array(next_states), dtype=torch.float).to(DEVICE)
        reward = torch.tensor(rewards, dtype=torch.float, device=DEVICE)
        pred = self.model(state)
        target = pred.clone().detach()
        best_next = self.model(next_state).max(dim=1)[0]
        for idx, a in enumerate(actions):
            target[idx][int(np.argmax(a))] = reward[idx] + self.gamma * best_next[idx]
        loss = self.criterion(target, pred)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


class Agent:
    def __init__(self):
        self.n_games, self.epsilon = 0, 0
        self.memory = deque(maxlen=100_000)
        self.model = LinearQNet().to(DEVICE)
        self.trainer = QTrainer(self.model, lr=1e-3, gamma=0.9)

    def get_action(self, state):
        self.epsilon = 80 - self.n_games
        move = [0, 0, 0]
        if random.randint(0, 200) < self.epsilon:
            move[random.randint(0, 2)] = 1
        else:
            state0 = torch.tensor(state, dtype=torch.float)
            prediction = self.model(state0)
            move[torch.argmax(prediction).item()] = 1
        return move

    def train_long_memory(self, batch_size=1000):
        sample = random.sample(self.memory, min(len(self.memory), batch_size))
        states, actions, rewards, next_states = zip(*sample)
        self.trainer.train_step(states, actions, rewards, next_states)


if __name__ == "__main__":
    agent = Agent()
    agent.n_games = 100  # exploit: go through the network
    s = np.random.randint(0, 2, size=11)
    print(agent.get_action(s))
    agent.memory.extend([(s, [1, 0, 0], 1.0, s)] * 32)
    agent.train_long_memory()
