# source: https://github.com/thu-ml/tianshou/issues/589
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
import gym
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from vacuum_env import VacuumLand


class QNet(nn.Module):
    def __init__(self, state_shape, n_actions, device="cpu"):
        super().__init__()
        self.device = device
        self.model = nn.Sequential(
            nn.Linear(int(np.prod(state_shape)), 128), nn.ReLU(inplace=True),
            nn.Linear(128, 128), nn.ReLU(inplace=True),
            nn.Linear(128, n_actions),
        )

    def forward(self, obs, state=None, info={}):
        if not isinstance(obs, torch.Tensor):
            obs = torch.as_tensor(obs, device=self.device, dtype=torch.float32)
        logits = self.model(obs.view(obs.shape[0], -1))
        return logits, state


def collect(env, net, n_steps, eps):
    buf = {"obs": [], "act": [], "rew": [], "obs_next": [], "done": []}
    obs = env.reset()
    for _ in range(n_steps):
        with torch.no_grad():
            q, _ = net(obs[None])
        act = env.action_space.sample() if np.random.rand() < eps else int(q.argmax())
        obs_next, rew, done, _ = env.step(act)
        for k, v in zip(buf, (obs, act, rew, obs_next, done)):
            buf[k].append(v)
        obs = env.reset() if done else obs_next
    return {k: np.array(v) for k, v in buf.items()}


device = "cuda" if torch.cuda.is_available() else "cpu"
gym.envs.registration.register(id="VacuumLand-v0", entry_point=VacuumLand,
                               max_episode_steps=100)
env = gym.make("VacuumLand-v0")
net = QNet(env.observation_space.shape, env.action_space.n, device=device).to(device)
target_net = QNet(env.observation_space.shape, env.action_space.n, device=device).to(device)
target_net.load_state_dict(net.state_dict())
optim = torch.optim.Adam(net.parameters(), lr=1e-3)
gamma = 0.9

for epoch in range(10):
    batch = collect(env, net, 1000, eps=max(0.05, 0.5 - 0.05 * epoch))
    for _ in range(50):
        idx = np.random.randint(0, len(batch["act"]), 64)
        q, _ = net(batch["obs"][idx])
        q = q.gather(1, torch.as_tensor(batch["act"][idx], device=device)[:, None]).squeeze(1)
        with torch.no_grad():
            q_next, _ = target_net(batch["obs_next"][idx])
        rew = torch.as_tensor(batch["rew"][idx], dtype=torch.float32, device=device)
        done = torch.as_tensor(batch["done"][idx], dtype=torch.float32, device=device)
        loss = F.mse_loss(q, rew + gamma * (1 - done) * q_next.max(1)[0])
        optim.zero_grad()
        loss.backward()
        optim.step()
    target_net.load_state_dict(net.state_dict())
    print("epoch", epoch, "loss", loss.item())
