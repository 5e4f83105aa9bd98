# A replay memory on the module picks rows with indices drawn on the CPU.
# `memory[idx]` would take CPU indices, but `index_select` and `gather` want the
# index on the memory's device.
import torch
from torch import nn


class ReplayMemory(nn.Module):
    def __init__(self, size=512, dim=64):
        super().__init__()
        self.register_buffer("rows", torch.zeros(size, dim))

    def sample(self, n):
        idx = torch.randint(0, self.rows.shape[0], (n,))  # expect: TL204:15 lines=24,15
        return torch.index_select(self.rows, 0, idx)

    def forward(self, x):
        order = torch.randperm(x.shape[0])  # expect: TL204:17 lines=25,19
        shuffled = x.gather(0, order[:, None].expand_as(x))
        return torch.cat([shuffled, self.sample(x.shape[0])])


def replay(x, device):
    memory = ReplayMemory().to(device)
    return memory(x.to(device))
