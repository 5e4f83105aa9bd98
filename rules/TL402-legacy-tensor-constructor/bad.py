import torch
from torch import nn


class WeightedLoss(nn.Module):
    def forward(self, logits, labels):
        weights = torch.FloatTensor([0.2, 0.8])  # expect: TL402
        buffer = torch.FloatTensor(2, 3)  # expect: TL402
        index = torch.LongTensor(labels)  # expect: TL402
        return (logits * weights).sum() + buffer.sum() + index.sum()
