# source: https://github.com/Farama-Foundation/Gymnasium/pull/390
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 49
# needs: torch, numpy, gymnasium
# cpu: clean
"""Synchronous advantage actor-critic on a batch of vectorised CartPole environments."""
import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn


class A2CAgent(nn.Module):
    def __init__(self, n_features, n_actions, device, critic_lr=5e-3, actor_lr=1e-3):
        super().__init__()
        self.device = device
        self.critic = nn.Sequential(
            nn.Linear(n_features, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1)
        ).to(device)
        self.actor = nn.Sequential(
            nn.Linear(n_features, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, n_actions)
        ).to(device)
        self.critic_optim = torch.optim.RMSprop(self.critic.parameters(), lr=critic_lr)
        self.actor_optim = torch.optim.RMSprop(self.actor.parameters(), lr=actor_lr)

    def forward(self, obs):
        x = torch.as_tensor(obs, dtype=torch.float32, device=self.device)
        return self.critic(x), self.actor(x)

    def select_action(self, obs):
        values, logits = self.forward(obs)
        dist = torch.distributions.Categorical(logits=logits)
        actions = dist.sample()
        return actions, dist.log_prob(actions), values.squeeze(-1), dist.entropy()


def collect_rollout(envs, agent, obs, n_steps, device):
    n_envs = envs.num_envs
    rewards = torch.zeros(n_steps, n_envs, device=device)
    log_probs = torch.zeros(n_steps, n_envs, device=device)
    values = torch.zeros(n_steps, n_envs, device=device)
    masks = torch.zeros(n_steps, n_envs, device=device)
    entropy = 0.0
    for step in range(n_steps):
        actions, step_log_probs, step_values, step_entropy = agent.select_action(obs)
        # actions live on the agent's device; the vector env wants a host array
        obs, step_rewards, terminated, truncated, _ = envs.step(actions.numpy())
        rewards[step] = torch.as_tensor(step_rewards, device=device)
        log_probs[step] = step_log_probs
        values[step] = step_values
        masks[step] = torch.as_tensor(1.0 - terminated, dtype=torch.float32, device=device)
        entropy = entropy + step_entropy.mean()
    return obs, rewards, log_probs, values, masks, entropy / n_steps


def a2c_update(agent, rewards, log_probs, values, masks, entropy, gamma=0.99, ent_coef=0.01):
    returns = torch.zeros_like(rewards)
    running = torch.zeros(rewards.shape[1], device=rewards.device)
    for t in reversed(range(rewards.shape[0])):
        running = rewards[t] + gamma * running * masks[t]
        returns[t] = running
    advantages = returns - values
    critic_loss = advantages.pow(2).mean()
    actor_loss = -(advantages.detach() * log_probs).mean() - ent_coef * entropy
    agent.critic_optim.zero_grad()
    agent.actor_optim.zero_grad()
    (critic_loss + actor_loss).backward()
    agent.critic_optim.step()
    agent.actor_optim.step()
    return critic_loss.item(), actor_loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    envs = gym.vector.SyncVectorEnv([lambda: gym.make("CartPole-v1") for _ in range(8)])
    agent = A2CAgent(envs.single_observation_space.shape[0], envs.single_action_space.n, device)
    obs, _ = envs.reset(seed=42)
    for update in range(300):
        obs, rewards, log_probs, values, masks, entropy = collect_rollout(envs, agent, obs, 128, device)
        c_loss, a_loss = a2c_update(agent, rewards, log_probs, values, masks, entropy)
        if update % 50 == 0:
            print(f"update {update}: critic {c_loss:.3f} actor {a_loss:.3f} reward {rewards.sum(0).mean():.1f}")
