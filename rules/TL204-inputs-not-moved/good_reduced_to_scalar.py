# A reduction of a whole tensor (`drops.max()`) is a 0-dim tensor: torch lets it meet
# a tensor on any device, as it would a Python number.
import torch
from torch import nn


class DropSpans(nn.Module):
    def __init__(self, max_drops=4, max_len=200):
        super().__init__()
        self.max_drops, self.max_len = max_drops, max_len

    def forward(self, waves, lengths):
        lengths = (lengths * waves.size(1)).long()
        out = waves.clone()
        for i in range(waves.size(0)):
            drops = torch.randint(1, self.max_len, (self.max_drops,))
            last_start = lengths[i] - drops.max()
            start = int(torch.randint(0, max(1, int(last_start)), (1,)))
            out[i, start : start + int(drops[0])] = 0.0
        return out


def augment(waves, lengths, device):
    return DropSpans().to(device)(waves.to(device), lengths.to(device))
