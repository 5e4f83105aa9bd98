# The critics are built by a helper and handed to the ensemble, which copies them
# into a plain list: they are not submodules, so `ensemble.to(device)` leaves them on
# the CPU and the first `q_values` call on GPU states fails.
import torch
from torch import nn


class Critic(nn.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_dim + act_dim, 256), nn.ReLU(), nn.Linear(256, 1))

    def forward(self, obs, act):
        return self.net(torch.cat([obs, act], dim=-1))


class CriticEnsemble(nn.Module):
    def __init__(self, critics):
        super().__init__()
        self.critics = tuple(critics)  # expect: TL302:9 lines=29

    def q_values(self, obs, act):
        return torch.stack([c(obs, act) for c in self.critics])


def build_ensemble(obs_dim, act_dim, n=5):
    critics = []
    for _ in range(n):
        critics.append(Critic(obs_dim, act_dim))
    return CriticEnsemble(critics)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ensemble = build_ensemble(17, 6).to(device)
    obs, act = torch.randn(32, 17, device=device), torch.randn(32, 6, device=device)
    print(ensemble.q_values(obs, act).mean())
