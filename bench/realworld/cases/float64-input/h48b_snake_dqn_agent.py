# source: https://github.com/philtabor/Youtube-Code-Repository/pull/28
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: class, helper
# bug-lines: 64, 65
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class SnakeGame:
    MOVES = np.array([[0, -1], [0, 1], [-1, 0], [1, 0]])

    def __init__(self, size=12, seed=0):
        self.size = size
        self.rng = np.random.default_rng(seed)

    def reset(self):
        self.head = np.array([self.size // 2, self.size // 2])
        self.food = self.rng.integers(0, self.size, size=2)
        return self.observe()

    def observe(self):
        dx, dy = self.food - self.head
        flags = [self.head[0] == 0, self.head[0] == self.size - 1,
                 self.head[1] == 0, self.head[1] == self.size - 1,
                 dx < 0, dx > 0, dy < 0, dy > 0]
        return np.array(flags, dtype=float)

    def step(self, action):
        self.head = self.head + self.MOVES[action]
        if (self.head < 0).any() or (self.head >= self.size).any():
            return self.observe(), -10.0, True
        if (self.head == self.food).all():
            self.food = self.rng.integers(0, self.size, size=2)
            return self.observe(), 10.0, False
        return self.observe(), -0.1, False


class QNetwork(nn.Module):
    def __init__(self, n_obs, n_actions, hidden=128):
        super().__init__()
        self.fc1 = nn.Linear(n_obs, hidden)
        self.fc2 = nn.Linear(hidden, n_actions)
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.to(self.device)

    def forward(self, state):
        return self.fc2(F.relu(self.fc1(state)))


class Agent:
    def __init__(self, n_obs, n_actions, epsilon=1.0):
        self.q_eval = QNetwork(n_obs, n_actions)
        self.optimizer = optim.Adam(self.q_eval.parameters(), lr=1e-3)
        self.n_actions, self.epsilon = n_actions, epsilon

    def choose_action(self, observation):
        if np.random.random() > self.epsilon:
            state = torch.tensor([observation]).to(self.q_eval.device)
            q_values = self.q_eval(state)
            return int(torch.argmax(q_values).item())
        return int(np.random.randint(self.n_actions))


if __name__ == "__main__":
    game = SnakeGame()
    agent = Agent(n_obs=8, n_actions=4, epsilon=0.1)
    for episode in range(50):
        obs, done, score = game.reset(), False, 0.0
        while not done:
            action = agent.choose_action(obs)
            obs, reward, done = game.step(action)
            score += reward
        agent.epsilon = max(0.01, agent.epsilon * 0.99)
        print(f"episode {episode} score {score:.1f}")
