# source: https://github.com/higgsfield/RL-Adventure/issues/10
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# looks-like: numpy-of-device-tensor
# shape: class, helper
# needs: torch, numpy, gymnasium
# cpu: clean
"""Double DQN with a replay buffer on CartPole; Q-values are logged and actions sent back as numpy."""
import random
from collections import deque

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ReplayBuffer:
    def __init__(self, capacity):
        self.buffer = deque(maxlen=capacity)

    def push(self, *transition):
        self.buffer.append(transition)

    def sample(self, batch_size):
        obs, act, rew, next_obs, done = zip(*random.sample(self.buffer, batch_size))
        return np.stack(obs), np.array(act), np.array(rew, np.float32), np.stack(next_obs), np.array(done, np.float32)

    def __len__(self):
        return len(self.buffer)


class QNet(nn.Module):
    def __init__(self, obs_dim, n_actions):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_dim, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                                 nn.Linear(128, n_actions))

    def forward(self, x):
        return self.net(x)

    def act(self, obs, epsilon, device):
        if random.random() < epsilon:
            return random.randrange(self.net[-1].out_features), None
        with torch.no_grad():
            q = self(torch.as_tensor(obs, dtype=torch.float32, device=device).unsqueeze(0))
        q_host = q.squeeze(0).cpu().numpy()
        return int(q_host.argmax()), q_host


def td_update(online, target, optimizer, batch, device, gamma=0.99):
    obs, act, rew, next_obs, done = (torch.as_tensor(x, device=device) for x in batch)
    q = online(obs.float()).gather(1, act.long().unsqueeze(1)).squeeze(1)
    with torch.no_grad():
        next_act = online(next_obs.float()).argmax(1, keepdim=True)
        next_q = target(next_obs.float()).gather(1, next_act).squeeze(1)
    loss = F.smooth_l1_loss(q, rew + gamma * next_q * (1 - done))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.detach().cpu().numpy()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    env = gym.make("CartPole-v1")
    online = QNet(4, 2).to(device)
    target = QNet(4, 2).to(device)
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=1e-3)
    buffer, obs, ep_return, q_log = ReplayBuffer(10000), env.reset(seed=1)[0], 0.0, []
    for frame in range(1, 5001):
        epsilon = max(0.02, 1.0 - frame / 2000)
        action, q_values = online.act(obs, epsilon, device)
        if q_values is not None:
            q_log.append(q_values.max())
        next_obs, reward, terminated, truncated, _ = env.step(action)
        buffer.push(obs, action, reward, next_obs, terminated)
        obs, ep_return = next_obs, ep_return + reward
        if terminated or truncated:
            obs, ep_return = env.reset()[0], 0.0
        if len(buffer) > 500:
            loss = td_update(online, target, optimizer, buffer.sample(64), device)
        if frame % 500 == 0:
            target.load_state_dict(online.state_dict())
            print(f"frame {frame}: mean max-Q {np.mean(q_log[-500:]) if q_log else 0:.2f}")
