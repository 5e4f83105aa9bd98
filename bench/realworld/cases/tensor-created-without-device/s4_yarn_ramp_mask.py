# source: https://github.com/ROCm/aiter/pull/2489
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 28, 49, 50
# cpu: clean
# needs: torch

import math

import torch
import torch.nn as nn


def _yarn_find_correction_dim(num_rotations, dim, base, max_pos):
    return (dim * math.log(max_pos / (num_rotations * 2 * math.pi))) / (2 * math.log(base))


def _yarn_find_correction_range(low_rot, high_rot, dim, base, max_pos):
    low = math.floor(_yarn_find_correction_dim(low_rot, dim, base, max_pos))
    high = math.ceil(_yarn_find_correction_dim(high_rot, dim, base, max_pos))
    return max(low, 0), min(high, dim - 1)


def _yarn_linear_ramp_mask(low, high, dim, dtype=torch.float32):
    if low == high:
        high += 0.001
    ramp = (torch.arange(dim, dtype=dtype) - low) / (high - low)
    return torch.clamp(ramp, 0, 1)


class YaRNScalingRotaryEmbedding(nn.Module):
    def __init__(self, head_dim, max_pos=2048, base=10000, scaling_factor=4.0,
                 beta_fast=32, beta_slow=1, device="cuda"):
        super().__init__()
        self.head_dim, self.max_pos, self.base = head_dim, max_pos, base
        self.scaling_factor = scaling_factor
        self.beta_fast, self.beta_slow = beta_fast, beta_slow
        self.device = device
        self.register_buffer("cos_sin_cache", self._compute_cos_sin_cache(), persistent=False)

    def _compute_inv_freq(self):
        exps = torch.arange(0, self.head_dim, 2, dtype=torch.float, device=self.device) / self.head_dim
        pos_freqs = self.base ** exps
        inv_freq_extrapolation = 1.0 / pos_freqs
        inv_freq_interpolation = 1.0 / (self.scaling_factor * pos_freqs)
        low, high = _yarn_find_correction_range(self.beta_fast, self.beta_slow, self.head_dim,
                                                self.base, self.max_pos)
        extrapolation_mask = 1 - _yarn_linear_ramp_mask(low, high, self.head_dim // 2)
        return (inv_freq_interpolation * (1 - extrapolation_mask)
                + inv_freq_extrapolation * extrapolation_mask)

    def _compute_cos_sin_cache(self):
        inv_freq = self._compute_inv_freq()
        t = torch.arange(int(self.max_pos * self.scaling_factor), dtype=torch.float, device=self.device)
        freqs = torch.einsum("i,j->ij", t, inv_freq)
        return torch.cat((freqs.cos(), freqs.sin()), dim=-1)

    def forward(self, positions, query):
        cos, sin = self.cos_sin_cache[positions].chunk(2, dim=-1)
        q1, q2 = query[..., ::2], query[..., 1::2]
        return torch.stack((q1 * cos - q2 * sin, q1 * sin + q2 * cos), dim=-1).flatten(-2)


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    rope = YaRNScalingRotaryEmbedding(head_dim=64, device=dev)
    pos = torch.arange(16, device=dev)
    q = torch.randn(16, 64, device=dev)
    print(rope(pos, q).shape)
