# source: https://github.com/AI4Finance-Foundation/ElegantRL/issues/9
# error: RuntimeError: Found dtype Double but expected Float
# pattern: float64-input
# shape: class, helper, batch-dict
# looks-like: float64-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class ReplayBuffer:
    def __init__(self, capacity, state_dim, device):
        self.device = device
        self.states = np.zeros((capacity, state_dim))          # float64 storage
        self.rewards = np.zeros(capacity)
        self.masks = np.zeros(capacity)
        self.ptr, self.size, self.capacity = 0, 0, capacity

    def push(self, state, reward, done):
        self.states[self.ptr], self.rewards[self.ptr], self.masks[self.ptr] = state, reward, 1.0 - done
        self.ptr = (self.ptr + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = np.random.randint(0, self.size, batch_size)
        as_t = lambda a: torch.as_tensor(a[idx], dtype=torch.float32, device=self.device)
        return {"state": as_t(self.states), "reward": as_t(self.rewards), "mask": as_t(self.masks)}


def critic_loss(critic, batch, gamma=0.99):
    q = critic(batch["state"]).squeeze(-1)
    q_target = batch["reward"] + gamma * batch["mask"] * q.detach()
    return nn.functional.mse_loss(q, q_target.type_as(q))


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    buf = ReplayBuffer(1000, 8, dev)
    for _ in range(256):
        buf.push(np.random.randn(8), float(np.random.rand()), False)
    critic = nn.Sequential(nn.Linear(8, 64), nn.ReLU(), nn.Linear(64, 1)).to(dev)
    opt = torch.optim.Adam(critic.parameters(), lr=1e-3)
    for step in range(5):
        loss = critic_loss(critic, buf.sample(64))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item())
