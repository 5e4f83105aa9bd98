# source: https://github.com/seungeunrho/minimalRL/issues/34
# error: RuntimeError: Expected object of scalar type Float but got scalar type Double for argument #2 'mat1' in call to _th_addmm
# pattern: float64-input
# shape: class, helper, batch-dict
# looks-like: float64-input
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
import collections
import random

import gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class ReplayBuffer:
    def __init__(self, limit=50000):
        self.buffer = collections.deque(maxlen=limit)

    def put(self, transition):
        self.buffer.append(transition)

    def sample(self, n):
        s, a, r, s_prime, done = zip(*random.sample(self.buffer, n))
        as_float = lambda xs: torch.tensor(np.array(xs), dtype=torch.float32, device=device)
        return as_float(s), as_float(a).view(-1, 1), as_float(r).view(-1, 1), \
            as_float(s_prime), 1.0 - as_float(done).view(-1, 1)


class QNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc_s, self.fc_a, self.fc_q = nn.Linear(3, 64), nn.Linear(1, 64), nn.Linear(128, 1)

    def forward(self, x, a):
        return self.fc_q(torch.cat([F.relu(self.fc_s(x)), F.relu(self.fc_a(a))], dim=1))


def make_mu():
    return nn.Sequential(nn.Linear(3, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 1), nn.Tanh())


def train(mu, mu_target, q, q_target, memory, q_opt, mu_opt, gamma=0.99, batch_size=32):
    s, a, r, s_prime, done_mask = memory.sample(batch_size)
    target = r + gamma * q_target(s_prime, 2.0 * mu_target(s_prime)) * done_mask
    q_loss = F.smooth_l1_loss(q(s, a), target.detach())
    q_opt.zero_grad(); q_loss.backward(); q_opt.step()
    mu_loss = -q(s, 2.0 * mu(s)).mean()
    mu_opt.zero_grad(); mu_loss.backward(); mu_opt.step()


def soft_update(net, net_target, tau=0.005):
    for p_target, p in zip(net_target.parameters(), net.parameters()):
        p_target.data.copy_(p_target.data * (1.0 - tau) + p.data * tau)


if __name__ == "__main__":
    env, memory = gym.make("Pendulum-v1"), ReplayBuffer()
    q, q_target, mu, mu_target = QNet().to(device), QNet().to(device), make_mu().to(device), make_mu().to(device)
    q_target.load_state_dict(q.state_dict()); mu_target.load_state_dict(mu.state_dict())
    q_opt, mu_opt = optim.Adam(q.parameters(), lr=1e-3), optim.Adam(mu.parameters(), lr=5e-4)

    for n_epi in range(500):
        (s, _), done = env.reset(), False
        while not done:
            with torch.no_grad():
                a = 2.0 * mu(torch.from_numpy(s).float().to(device)).item() + np.random.normal(0, 0.1)
            s_prime, r, terminated, truncated, _ = env.step([a]); done = terminated or truncated
            memory.put((s, a, r / 100.0, s_prime, float(terminated)))
            s = s_prime
        if len(memory.buffer) > 2000:
            for _ in range(10):
                train(mu, mu_target, q, q_target, memory, q_opt, mu_opt)
                soft_update(mu, mu_target)
                soft_update(q, q_target)
