import torch
from torch import nn


class ScaledRotary(nn.Module):
    # The base frequencies are kept to restore after a long prompt; the plain
    # attribute keeps the CPU tensor that model.to(device) replaced in the buffer.
    def __init__(self, dim, base=10000.0, max_len=64):
        super().__init__()
        self.dim, self.base, self.max_len, self.cached = dim, base, max_len, max_len
        inv_freq = 1.0 / base ** (torch.arange(0, dim, 2).float() / dim)
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.base_inv_freq = self.inv_freq  # expect: TL301:9 lines=23

    def _rescale(self, seq_len, device):
        if seq_len > self.max_len:
            scale = seq_len / self.max_len
            steps = torch.arange(0, self.dim, 2, device=device).float() / self.dim
            self.register_buffer("inv_freq", 1.0 / (self.base * scale) ** steps, persistent=False)
            self.cached = seq_len
        elif self.cached > self.max_len:
            # Back to the short-prompt frequencies: the CPU tensor of __init__.
            self.register_buffer("inv_freq", self.base_inv_freq, persistent=False)
            self.cached = self.max_len

    def forward(self, x, positions):
        self._rescale(int(positions.max()) + 1, x.device)
        freqs = positions[..., None].float() * self.inv_freq
        return torch.cat((freqs, freqs), dim=-1).cos().to(x.dtype)
