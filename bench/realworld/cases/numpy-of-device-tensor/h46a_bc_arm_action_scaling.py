# source: https://github.com/HumanCompatibleAI/imitation/issues/668
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# bug-lines: 25, 52
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# joint limits of the 7-dof arm, kept as numpy like the gym Box space
ACTION_SPACE = {
    "low": np.array([-2.9, -1.8, -2.9, -3.0, -2.9, -0.1, -2.9], dtype=np.float32),
    "high": np.array([2.9, 1.8, 2.9, -0.1, 2.9, 3.7, 2.9], dtype=np.float32),
}


def scale_action(space, action):
    """Map joint targets into [-1, 1] before computing the log-likelihood."""
    low, high = space["low"], space["high"]
    return 2.0 * ((action - low) / (high - low)) - 1.0


class GaussianArmPolicy(nn.Module):
    def __init__(self, obs_dim=23, act_dim=7):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, 256), nn.Tanh(), nn.Linear(256, act_dim))
        self.log_std = nn.Parameter(torch.zeros(act_dim))

    def log_prob(self, obs, scaled_act):
        mean = torch.tanh(self.body(obs))
        dist = torch.distributions.Normal(mean, self.log_std.exp())
        return dist.log_prob(scaled_act).sum(-1)


def make_demo_loader(n=2048):
    obs = torch.randn(n, 23)
    acts = torch.rand(n, 7) * 2.0 - 1.0
    return DataLoader(TensorDataset(obs, acts), batch_size=128, shuffle=True)


def train_bc(epochs=3):
    policy = GaussianArmPolicy().to(DEVICE)
    opt = torch.optim.Adam(policy.parameters(), lr=3e-4)
    for epoch in range(epochs):
        for obs, acts in make_demo_loader():
            batch = {"obs": obs.to(DEVICE), "acts": acts.to(DEVICE)}
            scaled = scale_action(ACTION_SPACE, batch["acts"])
            loss = -policy.log_prob(batch["obs"], scaled).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: bc loss {loss.item():.4f}")


if __name__ == "__main__":
    train_bc()
