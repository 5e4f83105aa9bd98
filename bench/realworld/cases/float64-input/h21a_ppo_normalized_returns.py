# source: https://github.com/nikhilbarhate99/PPO-PyTorch/issues/33
# error: RuntimeError: expected dtype Double but got dtype Float
# pattern: float64-input
# shape: class, batch-dict
# bug-lines: 54, 63
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
from collections import defaultdict

import gym
import numpy as np
import torch
import torch.nn as nn
from torch.distributions import Categorical

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class ActorCritic(nn.Module):
    def __init__(self, state_dim, action_dim, n_latent=64):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(state_dim, n_latent), nn.Tanh(),
                                   nn.Linear(n_latent, action_dim), nn.Softmax(dim=-1))
        self.critic = nn.Sequential(nn.Linear(state_dim, n_latent), nn.Tanh(), nn.Linear(n_latent, 1))

    def act(self, state, memory):
        state = torch.from_numpy(state).float().to(device)
        dist = Categorical(self.actor(state))
        action = dist.sample()
        memory["states"].append(state)
        memory["actions"].append(action)
        memory["logprobs"].append(dist.log_prob(action))
        return action.item()

    def evaluate(self, state, action):
        dist = Categorical(self.actor(state))
        return dist.log_prob(action), torch.squeeze(self.critic(state)), dist.entropy()


class PPO:
    def __init__(self, state_dim, action_dim, lr=0.002, gamma=0.99, K_epochs=4, eps_clip=0.2):
        self.gamma, self.K_epochs, self.eps_clip = gamma, K_epochs, eps_clip
        self.policy = ActorCritic(state_dim, action_dim).to(device)
        self.optimizer = torch.optim.Adam(self.policy.parameters(), lr=lr)
        self.MseLoss = nn.MSELoss()

    def update(self, memory):
        rewards, discounted = [], 0
        for reward, is_terminal in zip(reversed(memory["rewards"]), reversed(memory["is_terminals"])):
            discounted = reward + self.gamma * discounted * (not is_terminal)
            rewards.insert(0, discounted)
        rewards = np.array(rewards)
        rewards = (rewards - rewards.mean()) / (rewards.std() + 1e-5)
        rewards = torch.from_numpy(rewards).to(device)
        old_states, old_actions = torch.stack(memory["states"]), torch.stack(memory["actions"])
        old_logprobs = torch.stack(memory["logprobs"]).detach()
        for _ in range(self.K_epochs):
            logprobs, state_values, dist_entropy = self.policy.evaluate(old_states, old_actions)
            ratios = torch.exp(logprobs - old_logprobs)
            advantages = rewards - state_values.detach()
            surr1 = ratios * advantages
            surr2 = torch.clamp(ratios, 1 - self.eps_clip, 1 + self.eps_clip) * advantages
            loss = -torch.min(surr1, surr2) + 0.5 * self.MseLoss(state_values, rewards) - 0.01 * dist_entropy
            self.optimizer.zero_grad()
            loss.mean().backward()
            self.optimizer.step()


if __name__ == "__main__":
    env = gym.make("LunarLander-v2")
    ppo, memory = PPO(env.observation_space.shape[0], env.action_space.n), defaultdict(list)
    state = env.reset()
    for timestep in range(1, 200001):
        state, reward, done, _ = env.step(ppo.policy.act(state, memory))
        memory["rewards"].append(reward)
        memory["is_terminals"].append(done)
        state = env.reset() if done else state
        if timestep % 2000 == 0:
            ppo.update(memory)
            memory = defaultdict(list)
