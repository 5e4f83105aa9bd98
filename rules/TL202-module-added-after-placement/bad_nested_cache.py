import torch
from torch import nn


class SinusoidTable(nn.Module):
    def __init__(self, dim: int, length: int = 128) -> None:
        super().__init__()
        self.dim = dim
        self.refill(length)

    def refill(self, length, device=torch.device("cpu")):
        self.length = length
        pos = torch.arange(length, device=device, dtype=torch.float32)[:, None]
        scale = torch.exp(-torch.arange(0, self.dim, 2, device=device) / self.dim)
        self.register_buffer("table", torch.sin(pos * scale), persistent=False)  # expect: TL202:9 lines=44,43

    def forward(self, n):
        if n > self.length:
            self.refill(n)  # a longer table, made where the default device says
        return self.table[:n]


class Layer(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.proj = nn.Linear(dim // 2, dim // 2)
        self.positions = SinusoidTable(dim)

    def forward(self, x):
        return self.proj(x) + self.positions(x.shape[1])


class Encoder(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.layer = Layer(dim)

    def forward(self, x):
        return self.layer(x)


if __name__ == "__main__":
    model = Encoder(16).cuda()
    print(model(torch.randn(2, 300, 8).cuda()).shape)
