# source: https://github.com/pytorch/rl/pull/3364
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# bug-lines: 20, 21
# needs: torch, numpy, gymnasium
# cpu: clean
"""PPO policy that normalises observations with running statistics kept inside the model."""
import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn


class RunningObsNorm(nn.Module):
    """Welford running mean/var, updated from rollouts and applied in forward()."""

    def __init__(self, shape, eps=1e-4, clip=10.0):
        super().__init__()
        self.mean = torch.zeros(shape)
        self.var = torch.ones(shape)
        self.count = eps
        self.clip = clip

    @torch.no_grad()
    def update(self, x):
        batch_mean, batch_var, n = x.mean(0), x.var(0, unbiased=False), x.shape[0]
        delta = batch_mean - self.mean
        total = self.count + n
        self.mean = self.mean + delta * n / total
        m2 = self.var * self.count + batch_var * n + delta.pow(2) * self.count * n / total
        self.var = m2 / total
        self.count = total

    def forward(self, x):
        return ((x - self.mean) / torch.sqrt(self.var + 1e-8)).clamp(-self.clip, self.clip)


class NormalizedActorCritic(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=64):
        super().__init__()
        self.obs_norm = RunningObsNorm(obs_dim)
        self.body = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.pi = nn.Linear(hidden, n_actions)
        self.v = nn.Linear(hidden, 1)

    def forward(self, obs):
        h = self.body(self.obs_norm(obs))
        return torch.distributions.Categorical(logits=self.pi(h)), self.v(h).squeeze(-1)


def rollout(env, policy, device, n_steps=512):
    obs_buf, act_buf, logp_buf, rew_buf, done_buf = [], [], [], [], []
    obs, _ = env.reset()
    for _ in range(n_steps):
        obs_t = torch.as_tensor(obs, dtype=torch.float32, device=device)
        with torch.no_grad():
            dist, _ = policy(obs_t.unsqueeze(0))
            action = dist.sample()
        next_obs, reward, terminated, truncated, _ = env.step(action.item())
        obs_buf.append(obs_t)
        act_buf.append(action.squeeze(0))
        logp_buf.append(dist.log_prob(action).squeeze(0))
        rew_buf.append(reward)
        done_buf.append(terminated or truncated)
        obs = env.reset()[0] if (terminated or truncated) else next_obs
    return torch.stack(obs_buf), torch.stack(act_buf), torch.stack(logp_buf), rew_buf, done_buf


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    env = gym.make("Acrobot-v1")
    policy = NormalizedActorCritic(env.observation_space.shape[0], env.action_space.n).to(device)
    optimizer = torch.optim.Adam(policy.parameters(), lr=3e-4)
    for it in range(200):
        obs, acts, old_logp, rews, dones = rollout(env, policy, device)
        policy.obs_norm.update(obs)
        for _ in range(4):
            dist, values = policy(obs)
            ratio = (dist.log_prob(acts) - old_logp).exp()
            returns = torch.as_tensor(np.cumsum(rews[::-1])[::-1].copy(), dtype=torch.float32, device=device)
            adv = returns - values.detach()
            loss = -torch.min(ratio * adv, ratio.clamp(0.8, 1.2) * adv).mean() + 0.5 * (returns - values).pow(2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"iter {it}: loss {loss.item():.3f} return {sum(rews):.1f}")
