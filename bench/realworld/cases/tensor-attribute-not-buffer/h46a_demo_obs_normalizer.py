# source: https://github.com/Unity-Technologies/ml-agents/pull/4292
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 19, 20, 31
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class VectorObsNormalizer(nn.Module):
    """Running mean/variance of the proprioceptive observations of the demos."""

    def __init__(self, vec_obs_size):
        super().__init__()
        self.normalization_steps = 1
        self.running_mean = torch.zeros(vec_obs_size)
        self.running_variance = torch.ones(vec_obs_size)

    @torch.no_grad()
    def fit(self, all_obs):
        # called once on the full demo buffer, which is still a CPU tensor
        self.normalization_steps = all_obs.shape[0]
        self.running_mean.copy_(all_obs.mean(0))
        self.running_variance.copy_(all_obs.var(0) * self.normalization_steps)

    def forward(self, vector_input):
        std = torch.sqrt(self.running_variance / self.normalization_steps)
        return torch.clamp((vector_input - self.running_mean) / std, -5.0, 5.0)


class BCPolicy(nn.Module):
    def __init__(self, obs_size=32, act_size=8):
        super().__init__()
        self.normalizer = VectorObsNormalizer(obs_size)
        self.net = nn.Sequential(nn.Linear(obs_size, 128), nn.ReLU(), nn.Linear(128, act_size))

    def forward(self, obs):
        return self.net(self.normalizer(obs))


def train(device="cuda"):
    demo_obs, demo_act = torch.randn(4096, 32) * 3 + 1, torch.randn(4096, 8)
    policy = BCPolicy()
    policy.normalizer.fit(demo_obs)
    policy = policy.to(device)
    optimizer = torch.optim.Adam(policy.parameters(), lr=1e-3)
    loader = DataLoader(TensorDataset(demo_obs, demo_act), batch_size=256, shuffle=True)
    for obs, expert_act in loader:
        obs, expert_act = obs.to(device), expert_act.to(device)
        loss = ((policy(obs) - expert_act) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    print(train())
