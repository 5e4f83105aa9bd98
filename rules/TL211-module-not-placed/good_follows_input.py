import torch
from torch import nn


class Rotary(nn.Module):
    # Buffers only, and forward rebuilds them where the input is: made on the CPU,
    # it still computes on the input's device.
    def __init__(self, dim: int, length: int = 64) -> None:
        super().__init__()
        self.dim = dim
        self.register_buffer("inv_freq", 1.0 / 10000 ** (torch.arange(0, dim, 2) / dim))
        self._build(length, self.inv_freq.device)

    def _build(self, length, device):
        steps = torch.arange(length, device=device, dtype=torch.float32)
        freqs = torch.outer(steps, self.inv_freq.to(device))
        self.register_buffer("cos", freqs.cos(), persistent=False)
        self.register_buffer("sin", freqs.sin(), persistent=False)

    def forward(self, q):
        if self.cos.device != q.device or self.cos.shape[0] < q.shape[1]:
            self._build(max(q.shape[1], self.cos.shape[0]), q.device)
        n = q.shape[1]
        half = q[..., : self.dim // 2], q[..., self.dim // 2 :]
        return torch.cat((half[0] * self.cos[:n] - half[1] * self.sin[:n],
                          half[1] * self.cos[:n] + half[0] * self.sin[:n]), dim=-1)


def rotate(device):
    rotary = Rotary(32)
    q = torch.randn(2, 16, 32, device=device)
    return rotary(q)
