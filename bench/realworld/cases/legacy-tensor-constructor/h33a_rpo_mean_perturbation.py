# source: https://github.com/vwxyzjn/cleanrl/pull/396
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class, loader-loop
# bug-lines: 39, 40
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.distributions.normal import Normal


def mlp(in_dim, out_dim, hidden=64):
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.Tanh(),
                         nn.Linear(hidden, hidden), nn.Tanh(),
                         nn.Linear(hidden, out_dim))


class RobustPolicyAgent(nn.Module):
    """PPO actor-critic with RPO: the action mean is jittered during the update."""

    def __init__(self, obs_dim, act_dim, rpo_alpha=0.5):
        super().__init__()
        self.rpo_alpha = rpo_alpha
        self.critic = mlp(obs_dim, 1)
        self.actor_mean = mlp(obs_dim, act_dim)
        self.actor_logstd = nn.Parameter(torch.zeros(1, act_dim))

    def get_value(self, obs):
        return self.critic(obs)

    def get_action_and_value(self, obs, action=None):
        action_mean = self.actor_mean(obs)
        action_std = self.actor_logstd.expand_as(action_mean).exp()
        if action is None:
            action = Normal(action_mean, action_std).sample()
        else:
            noise = torch.FloatTensor(action_mean.shape).uniform_(-self.rpo_alpha, self.rpo_alpha)
            action_mean = action_mean + noise
        dist = Normal(action_mean, action_std)
        return action, dist.log_prob(action).sum(1), dist.entropy().sum(1), self.critic(obs)


def ppo_update(agent, optimizer, batch, clip=0.2, minibatch=64, epochs=4):
    n = batch["obs"].shape[0]
    for _ in range(epochs):
        for start in range(0, n, minibatch):
            idx = torch.randperm(n, device=batch["obs"].device)[:minibatch]
            _, newlogp, ent, value = agent.get_action_and_value(batch["obs"][idx], batch["actions"][idx])
            ratio = (newlogp - batch["logprobs"][idx]).exp()
            adv = batch["advantages"][idx]
            pg_loss = torch.max(-adv * ratio, -adv * ratio.clamp(1 - clip, 1 + clip)).mean()
            v_loss = 0.5 * (value.squeeze(1) - batch["returns"][idx]).pow(2).mean()
            loss = pg_loss + 0.5 * v_loss - 0.01 * ent.mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    agent = RobustPolicyAgent(obs_dim=17, act_dim=6).to(device)
    optimizer = torch.optim.Adam(agent.parameters(), lr=3e-4, eps=1e-5)
    steps = 512
    batch = {
        "obs": torch.randn(steps, 17, device=device),
        "actions": torch.randn(steps, 6, device=device),
        "logprobs": torch.randn(steps, device=device),
        "advantages": torch.from_numpy(np.random.randn(steps).astype(np.float32)).to(device),
        "returns": torch.randn(steps, device=device),
    }
    ppo_update(agent, optimizer, batch)
