# A KL penalty to a frozen reference policy: the reference is kept in a plain list so
# that it stays out of `parameters()` and the checkpoint, but then `penalty.to(device)`
# leaves it on the CPU, and the first penalty on GPU observations fails. The stages of
# a stack handed in one by one and appended to a plain list are left behind the same way.
import torch
import torch.nn.functional as F
from torch import nn


class Policy(nn.Module):
    def __init__(self, obs_dim, n_actions):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, 128), nn.Tanh(), nn.Linear(128, n_actions))

    def forward(self, obs):
        return self.body(obs)


class KLRegularized(nn.Module):
    def __init__(self, policy, reference, beta=0.05):
        super().__init__()
        self.policy = policy
        self._reference = [reference]  # expect: TL302:9 lines=49,51,29
        self.beta = beta

    def forward(self, obs):
        logp = F.log_softmax(self.policy(obs), dim=-1)
        with torch.no_grad():
            ref_logp = F.log_softmax(self._reference[0](obs), dim=-1)
        return self.beta * F.kl_div(ref_logp, logp, log_target=True, reduction="batchmean")


class StageStack(nn.Module):
    def __init__(self, stages):
        super().__init__()
        self._stages = []  # expect: TL302:9 lines=61,62,42
        for stage in stages:
            self._stages.append(stage)

    def forward(self, x):
        for stage in self._stages:
            x = stage(x)
        return x


def train(rollouts, obs_dim=8, n_actions=4):
    device = torch.device("cuda")
    policy = Policy(obs_dim, n_actions)
    reference = Policy(obs_dim, n_actions)
    reference.load_state_dict(policy.state_dict())
    penalty = KLRegularized(policy, reference).to(device)
    optimizer = torch.optim.Adam(policy.parameters(), lr=3e-4)
    for obs in rollouts:
        loss = penalty(obs.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def encode(frames):
    stack = StageStack([nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Conv2d(16, 32, 3)])
    stack.cuda()
    return stack(frames.cuda())
