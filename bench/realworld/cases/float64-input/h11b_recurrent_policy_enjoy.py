# source: https://github.com/MarcoMeter/recurrent-ppo-truncated-bptt/issues/9
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, top-level
# bug-lines: 68, 69
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Watch a trained recurrent PPO agent play masked CartPole (velocities hidden)."""
import pickle

import numpy as np
import torch
import torch.nn as nn
from torch.distributions import Categorical


class MaskedCartPole:
    """Minimal CartPole dynamics; only cart position and pole angle are observed."""

    def __init__(self, seed=0):
        self.rng = np.random.default_rng(seed)
        self.state = None

    def reset(self):
        self.state = self.rng.uniform(-0.05, 0.05, size=4)
        return self.state[[0, 2]]

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = 10.0 if action == 1 else -10.0
        theta_acc = (9.8 * np.sin(theta) - np.cos(theta) * force / 1.1) / (0.5 * (4.0 / 3.0 - 0.1 / 1.1))
        x_acc = (force - 0.05 * theta_acc * np.cos(theta)) / 1.1
        self.state = np.array([x + 0.02 * x_dot, x_dot + 0.02 * x_acc,
                               theta + 0.02 * theta_dot, theta_dot + 0.02 * theta_acc])
        done = abs(self.state[0]) > 2.4 or abs(self.state[2]) > 0.21
        return self.state[[0, 2]], 1.0, done


class ActorCriticModel(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=128):
        super().__init__()
        self.encoder = nn.Linear(obs_dim, hidden)
        self.gru = nn.GRU(hidden, hidden, batch_first=True)
        self.policy = nn.Linear(hidden, n_actions)
        self.value = nn.Linear(hidden, 1)

    def init_recurrent_cell_states(self, num_sequences, device):
        return torch.zeros(1, num_sequences, self.gru.hidden_size, device=device)

    def forward(self, obs, hxs):
        h = torch.relu(self.encoder(obs))
        h, hxs = self.gru(h.unsqueeze(1), hxs)
        h = h.squeeze(1)
        return Categorical(logits=self.policy(h)), self.value(h).squeeze(-1), hxs


device = torch.device("cpu")
state_dict, config = pickle.load(open("./models/cartpole_masked.nn", "rb"))
env = MaskedCartPole()
model = ActorCriticModel(obs_dim=2, n_actions=2, hidden=config["hidden_layer_size"])
model.load_state_dict(state_dict)
model.to(device).eval()

hxs = model.init_recurrent_cell_states(1, device)
obs, done, episode_reward = env.reset(), False, 0.0
with torch.no_grad():
    while not done:
        obs_t = torch.as_tensor(obs, device=device).unsqueeze(0)
        policy, value, hxs = model(obs_t, hxs)
        obs, reward, done = env.step(policy.sample().item())
        episode_reward += reward
print(f"Episode reward: {episode_reward}")
