# source: https://github.com/ray-project/ray/issues/13823
# error: RuntimeError: All input tensors must be on the same device. Received cuda:0 and cpu
# pattern: module-added-after-placement
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from networks import TanhGaussianPolicy, TwinQNetwork


class CQLAgent(nn.Module):
    """Conservative Q-learning on top of SAC; the target critic is attached by the trainer."""

    def __init__(self, obs_dim, act_dim, hidden=256, gamma=0.99, tau=0.005, cql_alpha=1.0):
        super().__init__()
        self.actor = TanhGaussianPolicy(obs_dim, act_dim, hidden)
        self.critic = TwinQNetwork(obs_dim, act_dim, hidden)
        self.log_alpha = nn.Parameter(torch.zeros(1))
        self.gamma, self.tau, self.cql_alpha = gamma, tau, cql_alpha
        self.target_critic = None

    def critic_loss(self, batch):
        with torch.no_grad():
            next_act, next_logp = self.actor(batch["next_obs"])
            tq1, tq2 = self.target_critic(batch["next_obs"], next_act)
            target_v = torch.min(tq1, tq2) - self.log_alpha.exp() * next_logp
            target_q = batch["rew"] + self.gamma * (1 - batch["done"]) * target_v
        q1, q2 = self.critic(batch["obs"], batch["act"])
        bellman = F.mse_loss(q1, target_q) + F.mse_loss(q2, target_q)
        rand_act = torch.empty_like(batch["act"]).uniform_(-1, 1)
        rq1, rq2 = self.critic(batch["obs"], rand_act)
        conservative = (torch.logsumexp(torch.cat([rq1, q1], 1), 1).mean() - q1.mean()
                        + torch.logsumexp(torch.cat([rq2, q2], 1), 1).mean() - q2.mean())
        return bellman + self.cql_alpha * conservative

    @torch.no_grad()
    def soft_update(self):
        for p, tp in zip(self.critic.parameters(), self.target_critic.parameters()):
            tp.mul_(1 - self.tau).add_(self.tau * p)
