# source: https://github.com/DLR-RM/stable-baselines3/issues/853
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: class, batch-dict, helper
# bug-lines: 48, 49, 59, 61
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Critic(nn.Module):
    def __init__(self, obs_dim, act_dim, hidden=256):
        super().__init__()
        self.q = nn.Sequential(nn.Linear(obs_dim + act_dim, hidden), nn.ReLU(),
                               nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, obs, act):
        return self.q(torch.cat([obs, act], dim=1))


def make_actor(obs_dim, act_dim, hidden=256):
    return nn.Sequential(nn.Linear(obs_dim, hidden), nn.ReLU(), nn.Linear(hidden, act_dim), nn.Tanh())


class DroneReplayBuffer:
    """Keeps the simulator's double-precision pose/velocity readings unchanged."""

    def __init__(self, obs_dim, act_dim, capacity, device):
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float64)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float64)
        self.act = np.zeros((capacity, act_dim), dtype=np.float32)
        self.rew = np.zeros((capacity, 1), dtype=np.float32)
        self.done = np.zeros((capacity, 1), dtype=np.float32)
        self.capacity, self.ptr, self.size, self.device = capacity, 0, 0, device

    def add(self, o, a, r, o2, d):
        i = self.ptr
        self.obs[i], self.act[i], self.rew[i], self.next_obs[i], self.done[i] = o, a, r, o2, d
        self.ptr = (self.ptr + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = np.random.randint(0, self.size, size=batch_size)
        return {
            "obs": torch.as_tensor(self.obs[idx], device=self.device),
            "next_obs": torch.as_tensor(self.next_obs[idx], device=self.device),
            "act": torch.as_tensor(self.act[idx], device=self.device),
            "rew": torch.as_tensor(self.rew[idx], device=self.device),
            "done": torch.as_tensor(self.done[idx], device=self.device),
        }


def train_step(actor, critic, actor_targ, critic_targ, buffer, critic_opt, gamma=0.99):
    batch = buffer.sample(256)
    with torch.no_grad():
        next_q = critic_targ(batch["next_obs"], actor_targ(batch["next_obs"]))
        target = batch["rew"] + gamma * (1.0 - batch["done"]) * next_q
    q = critic(batch["obs"], batch["act"])
    loss = F.mse_loss(q, target)
    critic_opt.zero_grad()
    loss.backward()
    critic_opt.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    obs_dim, act_dim = 12, 4
    actor, critic = make_actor(obs_dim, act_dim).to(device), Critic(obs_dim, act_dim).to(device)
    actor_targ, critic_targ = make_actor(obs_dim, act_dim).to(device), Critic(obs_dim, act_dim).to(device)
    buffer = DroneReplayBuffer(obs_dim, act_dim, 10000, device)
    for _ in range(500):
        buffer.add(np.random.randn(obs_dim), np.random.uniform(-1, 1, act_dim), 0.0, np.random.randn(obs_dim), 0.0)
    critic_opt = torch.optim.Adam(critic.parameters(), lr=1e-3)
    print(train_step(actor, critic, actor_targ, critic_targ, buffer, critic_opt))
