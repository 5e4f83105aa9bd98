# source: https://github.com/MarWaltz/TUD_RL/issues/21
# error: RuntimeError: Input and parameter tensors are not at the same device, found input tensor at cpu and parameter tensor at cuda:0
# pattern: inputs-not-moved
# shape: class, helper
# bug-lines: 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn as nn


class LSTMRecQNet(nn.Module):
    """Q-network that reads the current observation plus a window of past (obs, action) pairs."""

    def __init__(self, obs_dim, num_actions, hidden=128):
        super().__init__()
        self.lstm = nn.LSTM(obs_dim + 1, hidden, batch_first=True)
        self.cur = nn.Linear(obs_dim, hidden)
        self.head = nn.Sequential(nn.ReLU(), nn.Linear(2 * hidden, num_actions))

    def forward(self, s, s_hist, a_hist, hist_len):
        out, _ = self.lstm(torch.cat([s_hist, a_hist], dim=-1))
        idx = (hist_len - 1).clamp(min=0).view(-1, 1, 1).expand(-1, 1, out.size(-1))
        last = out.gather(1, idx).squeeze(1)
        return self.head(torch.cat([last, torch.relu(self.cur(s))], dim=-1))


class LSTMRecDQNAgent:
    def __init__(self, obs_dim, num_actions, history_length=4, device="cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.num_actions = num_actions
        self.history_length = history_length
        self.q_net = LSTMRecQNet(obs_dim, num_actions).to(self.device)
        self.eps = 1.0

    def select_action(self, s, s_hist, a_hist, hist_len):
        """s: (obs_dim,), s_hist: (H, obs_dim), a_hist: (H, 1), hist_len: int -- all numpy/python."""
        if np.random.rand() < self.eps:
            return np.random.randint(self.num_actions)
        s = torch.tensor(s, dtype=torch.float32).unsqueeze(0)
        s_hist = torch.tensor(s_hist, dtype=torch.float32).unsqueeze(0)
        a_hist = torch.tensor(a_hist, dtype=torch.float32).unsqueeze(0)
        hist_len = torch.tensor([hist_len])
        return self._greedy_action(s, s_hist, a_hist, hist_len)

    @torch.no_grad()
    def _greedy_action(self, s, s_hist, a_hist, hist_len):
        q = self.q_net(s=s, s_hist=s_hist, a_hist=a_hist, hist_len=hist_len)
        return int(torch.argmax(q, dim=-1).item())

    def decay_eps(self, rate=0.999, floor=0.05):
        self.eps = max(floor, self.eps * rate)


if __name__ == "__main__":
    agent = LSTMRecDQNAgent(obs_dim=6, num_actions=3)
    agent.eps = 0.0
    obs = np.random.randn(6)
    hist = np.random.randn(agent.history_length, 6)
    acts = np.random.randint(0, 3, size=(agent.history_length, 1))
    print(agent.select_action(obs, hist, acts, hist_len=agent.history_length))
