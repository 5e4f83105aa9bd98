import torch
from torch import nn


class ScaledRotary(nn.Module):
    def __init__(self, dim, base=10000.0, max_len=64):
        super().__init__()
        self.dim, self.base, self.max_len, self.cached = dim, base, max_len, max_len
        inv_freq = 1.0 / base ** (torch.arange(0, dim, 2).float() / dim)
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        # A buffer of its own: moved with the module.
        self.register_buffer("base_inv_freq", inv_freq.clone(), persistent=False)

    def _rescale(self, seq_len, device):
        if seq_len > self.max_len:
            scale = seq_len / self.max_len
            steps = torch.arange(0, self.dim, 2, device=device).float() / self.dim
            self.register_buffer("inv_freq", 1.0 / (self.base * scale) ** steps, persistent=False)
            self.cached = seq_len
        elif self.cached > self.max_len:
            self.register_buffer("inv_freq", self.base_inv_freq, persistent=False)
            self.cached = self.max_len

    def forward(self, x, positions):
        self._rescale(int(positions.max()) + 1, x.device)
        freqs = positions[..., None].float() * self.inv_freq
        return torch.cat((freqs, freqs), dim=-1).cos().to(x.dtype)


class MovedAtUse(nn.Module):
    # The alias is moved where it is read: it follows the input.
    def __init__(self, dim):
        super().__init__()
        self.register_buffer("inv_freq", torch.ones(dim // 2), persistent=False)
        self.base_inv_freq = self.inv_freq

    def forward(self, x):
        return x * self.base_inv_freq.to(x.device)
