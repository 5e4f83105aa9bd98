# The frozen reference policy stays out of `parameters()` and the checkpoint, and still
# goes where the penalty goes: the class moves it in its own `to()`, or the trainer
# moves it itself. Stages handed in one by one are registered in an nn.ModuleList,
# and a plain list of parts registered as attributes holds them where they are moved.
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
        self._reference = [reference]
        self.beta = beta

    def forward(self, obs):
        logp = F.log_softmax(self.policy(obs), dim=-1)
        with torch.no_grad():
            ref_logp = F.log_softmax(self._reference[0](obs), dim=-1)
        return self.beta * F.kl_div(ref_logp, logp, log_target=True, reduction="batchmean")


class MovingKLRegularized(KLRegularized):
    def to(self, *args, **kwargs):
        self._reference[0].to(*args, **kwargs)
        return super().to(*args, **kwargs)


class StageStack(nn.Module):
    def __init__(self, stages):
        super().__init__()
        self._stages = nn.ModuleList()
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
    reference.to(device)
    optimizer = torch.optim.Adam(policy.parameters(), lr=3e-4)
    for obs in rollouts:
        loss = penalty(obs.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def train_moving(rollouts, obs_dim=8, n_actions=4):
    device = torch.device("cuda")
    policy = Policy(obs_dim, n_actions)
    penalty = MovingKLRegularized(policy, Policy(obs_dim, n_actions)).to(device)
    for obs in rollouts:
        penalty(obs.to(device)).backward()


def encode(frames):
    stack = StageStack([nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Conv2d(16, 32, 3)])
    stack.cuda()
    return stack(frames.cuda())


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3)
        self.conv2 = nn.Conv2d(8, 8, 3)
        self.order = [self.conv1, self.conv2]

    def forward(self, x):
        for layer in self.order:
            x = layer(x)
        return x


def tower_features(frames):
    return Tower().cuda()(frames.cuda())
