# source: https://github.com/pytorch/pytorch/issues/69446
# error: RuntimeError: Found dtype Double but expected Float
# pattern: float64-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class HamiltonianField(nn.Module):
    """Learns H(q, p); the vector field is the symplectic gradient of H."""

    def __init__(self, hidden=128):
        super().__init__()
        self.h = nn.Sequential(
            nn.Linear(2, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 1)
        )
        self.friction = nn.Parameter(torch.zeros(1))

    def forward(self, state):
        state = state.requires_grad_(True)
        energy = self.h(state).sum()
        dh = torch.autograd.grad(energy, state, create_graph=True)[0]
        dq = dh[:, 1:2]
        dp = -dh[:, 0:1] - self.friction * state[:, 1:2]
        return torch.cat([dq, dp], dim=1)
