import torch
from torch import nn


class WeightedLoss(nn.Module):
    def forward(self, logits, labels):
        weights = torch.FloatTensor([0.2, 0.8])  # expect: TL402:19 lines=10
        buffer = torch.FloatTensor(2, 3)  # expect: TL402:18 lines=10
        index = torch.LongTensor(labels)  # expect: TL402:17 lines=10
        return (logits * weights).sum() + buffer.sum() + index.sum()
