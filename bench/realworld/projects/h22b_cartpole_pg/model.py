# source: https://github.com/PaddlePaddle/PARL/issues/324
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Policy network for the CartPole policy-gradient quickstart."""
import torch.nn as nn
import torch.nn.functional as F


class CartpoleModel(nn.Module):
    """Two-layer MLP that outputs a probability per discrete action."""

    def __init__(self, obs_dim, act_dim, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(obs_dim, hidden)
        self.fc2 = nn.Linear(hidden, act_dim)
        self.reset_parameters()

    def reset_parameters(self):
        for layer in (self.fc1, self.fc2):
            nn.init.orthogonal_(layer.weight, gain=1.0)
            nn.init.zeros_(layer.bias)

    def forward(self, obs):
        hid = F.tanh(self.fc1(obs))
        return F.softmax(self.fc2(hid), dim=-1)
