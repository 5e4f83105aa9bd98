import torch
from torch import nn


class Correct(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.register_buffer("table", torch.zeros(dim))  # __init__: buffers follow .to()

    def forward(self, x):
        positions = torch.arange(x.size(1), device=x.device)
        noise = torch.randn_like(x)
        zeros = torch.zeros(x.shape).to(x.device)
        ones = torch.ones(3).type_as(x)
        steps = torch.arange(4).tolist()  # only Python numbers
        scale = torch.tensor(0.5)  # a 0-dim scalar mixes with CUDA tensors
        for i in range(len(torch.arange(3))):
            x = x * scale
        return self.proj(x + noise + zeros) + positions.sum() + ones.sum() + sum(steps)
