# source: https://github.com/pytorch/pytorch/issues/10655
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper
# bug-lines: 38
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
import gym
import numpy as np
import torch
import torch.nn as nn
from torch.distributions import Categorical

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class ActorCritic(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=64):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(),
                                   nn.Linear(hidden, n_actions), nn.Softmax(dim=-1))
        self.critic = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(),
                                    nn.Linear(hidden, 1))


class Rollout:
    def __init__(self):
        self.states, self.actions, self.logprobs = [], [], []
        self.rewards, self.dones = [], []


def discounted_returns(rewards, dones, gamma=0.99):
    out, running = [], 0.0
    for r, d in zip(reversed(rewards), reversed(dones)):
        running = 0.0 if d else running
        running = r + gamma * running
        out.insert(0, running)
    returns = torch.FloatTensor(out, device=device)
    return (returns - returns.mean()) / (returns.std() + 1e-7)


def update(policy, optimizer, rollout, clip=0.2, epochs=4):
    returns = discounted_returns(rollout.rewards, rollout.dones)
    states = torch.stack(rollout.states).detach()
    actions = torch.stack(rollout.actions).detach()
    old_logp = torch.stack(rollout.logprobs).detach()
    for _ in range(epochs):
        dist = Categorical(policy.actor(states))
        logp = dist.log_prob(actions)
        values = policy.critic(states).squeeze(-1)
        adv = returns - values.detach()
        ratio = torch.exp(logp - old_logp)
        surr = torch.min(ratio * adv, torch.clamp(ratio, 1 - clip, 1 + clip) * adv)
        loss = -surr + 0.5 * (values - returns) ** 2 - 0.01 * dist.entropy()
        optimizer.zero_grad()
        loss.mean().backward()
        optimizer.step()


env = gym.make("LunarLander-v2")
policy = ActorCritic(env.observation_space.shape[0], env.action_space.n).to(device)
optimizer = torch.optim.Adam(policy.parameters(), lr=2e-3)
rollout = Rollout()
for episode in range(1, 2001):
    state, _ = env.reset()
    for t in range(300):
        s = torch.from_numpy(np.asarray(state, dtype=np.float32)).to(device)
        dist = Categorical(policy.actor(s))
        action = dist.sample()
        rollout.states.append(s)
        rollout.actions.append(action)
        rollout.logprobs.append(dist.log_prob(action))
        state, reward, terminated, truncated, _ = env.step(action.item())
        rollout.rewards.append(reward)
        rollout.dones.append(terminated or truncated)
        if terminated or truncated:
            break
    if episode % 4 == 0:
        update(policy, optimizer, rollout)
        rollout = Rollout()
