import torch
from torch import nn


class Fine(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.FloatTensor(n))  # a parameter: follows .to()

    def forward(self, x):
        assert isinstance(x, torch.FloatTensor) or x.is_cuda
        return x * torch.tensor([0.2, 0.8], device=x.device)


def collate(labels):
    return torch.LongTensor(labels)  # data loading on the CPU: fine
