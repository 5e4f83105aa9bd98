# The month of each step is computed on the CPU in the forward (`torch.fmod` keeps
# it where `torch.arange` made it) and looked up in the embedding moved to the GPU.
import torch
from torch import nn


class SeasonalEncoder(nn.Module):
    def __init__(self, bands=10, dim=64):
        super().__init__()
        self.proj = nn.Linear(bands, dim)
        self.month = nn.Embedding(12, dim)

    def forward(self, x, start_month=3):
        months = torch.fmod(torch.arange(start_month, start_month + x.shape[1]), 12)
        return self.proj(x) + self.month(months)  # expect: TL204:42 lines=14,19


device = torch.device("cuda")
model = SeasonalEncoder().to(device)
print(model(torch.rand(4, 9, 10, device=device)).shape)
