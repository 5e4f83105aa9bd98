# The indices are drawn on the device of what they index.
import torch
from torch import nn


class ReplayMemory(nn.Module):
    def __init__(self, size=512, dim=64):
        super().__init__()
        self.register_buffer("rows", torch.zeros(size, dim))

    def sample(self, n):
        idx = torch.randint(0, self.rows.shape[0], (n,), device=self.rows.device)
        return torch.index_select(self.rows, 0, idx)

    def forward(self, x):
        order = torch.randperm(x.shape[0], device=x.device)
        shuffled = x.gather(0, order[:, None].expand_as(x))
        return torch.cat([shuffled, self.sample(x.shape[0])])

    def picked(self, idx_cpu):
        # (a CPU index of a tensor on the device is fine with plain indexing)
        return self.rows[idx_cpu]


def replay(x, device):
    memory = ReplayMemory().to(device)
    return memory(x.to(device))
