# source: https://github.com/activatedgeek/torchrl/issues/66
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: class, helper
# bug-lines: 40, 41
# needs: torch, numpy, gymnasium, minigrid
# cpu: no written where torch was not installed; not run
import gymnasium as gym
import minigrid  # noqa: F401  (registers MiniGrid-* envs)
import numpy as np
import torch
import torch.nn as nn


def preprocess_obs(obs):
    image = np.asarray(obs["image"], dtype=np.float32) / 10.0
    return torch.from_numpy(image.reshape(1, -1))


class GridNavNet(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=128):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.pi = nn.Linear(hidden, n_actions)
        self.v = nn.Linear(hidden, 1)

    def forward(self, x):
        h = self.body(x)
        return self.pi(h), self.v(h)


class A2CAgent:
    def __init__(self, obs_dim, n_actions, device, lr=7e-4, gamma=0.99):
        self.device = torch.device(device)
        self.net = GridNavNet(obs_dim, n_actions).to(self.device)
        self.opt = torch.optim.RMSprop(self.net.parameters(), lr=lr, alpha=0.99, eps=1e-5)
        self.gamma = gamma

    def act(self, obs):
        obs_t = preprocess_obs(obs)
        logits, value = self.net(obs_t)
        dist = torch.distributions.Categorical(logits=logits)
        action = dist.sample()
        return action.item(), dist.log_prob(action).squeeze(0), value.squeeze()

    def update(self, log_probs, values, rewards):
        returns, ret = [], 0.0
        for r in reversed(rewards):
            ret = r + self.gamma * ret
            returns.insert(0, ret)
        returns = torch.tensor(returns, dtype=torch.float32, device=self.device)
        log_probs, values = torch.stack(log_probs), torch.stack(values)
        loss = -(log_probs * (returns - values.detach())).mean() + 0.5 * (returns - values).pow(2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()


def main(env_id="MiniGrid-FourRooms-v0", episodes=2000, device="cuda"):
    env = gym.make(env_id)
    obs, _ = env.reset(seed=0)
    agent = A2CAgent(int(np.prod(obs["image"].shape)), env.action_space.n, device)
    for episode in range(episodes):
        obs, _ = env.reset()
        log_probs, values, rewards, done = [], [], [], False
        while not done:
            action, log_prob, value = agent.act(obs)
            obs, reward, terminated, truncated, _ = env.step(action)
            done = terminated or truncated
            log_probs.append(log_prob)
            values.append(value)
            rewards.append(reward)
        loss = agent.update(log_probs, values, rewards)
        if episode % 100 == 0:
            print(f"episode {episode} return {sum(rewards):.2f} loss {loss:.3f}")


if __name__ == "__main__":
    main()
