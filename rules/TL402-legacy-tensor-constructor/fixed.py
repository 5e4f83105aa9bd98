import torch
from torch import nn


class WeightedLoss(nn.Module):
    def forward(self, logits, labels):
        weights = torch.tensor([0.2, 0.8], dtype=torch.float32)  # expect: TL402:19 lines=10
        buffer = torch.empty(2, 3, dtype=torch.float32)  # expect: TL402:18 lines=10
        index = torch.LongTensor(labels)  # expect: TL402:17 lines=10
        return (logits * weights).sum() + buffer.sum() + index.sum()


class DropPath(nn.Module):
    def forward(self, x):
        # A tuple is data, not a shape: this is a 4-element tensor [B, 1, 1, 1]. The
        # hint and the (unsafe) fix say torch.empty, never torch.tensor((B, 1, 1, 1)).
        B = x.shape[0]
        mask = torch.FloatTensor((B, 1, 1, 1)).bernoulli_(0.9)  # expect: TL402:16 lines=19
        return x * mask


def drop_path(x, keep_prob, device):
    # With device=, a legacy constructor raises for anything but the CPU ("legacy
    # constructor expects device type: cpu but device type: cuda was passed").
    B = x.shape[0]
    mask = torch.FloatTensor((B, 1, 1, 1), device=device).bernoulli_(keep_prob)  # expect: TL402:12
    return x / keep_prob * mask
