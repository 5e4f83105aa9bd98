# source: https://github.com/ROCm/aiter/pull/2489
# error: none (look-alike: the ramp helper takes the device; the CPU arange only indexes CPU copies)
# pattern: tensor-created-without-device
# shape: helper, class
# looks-like: tensor-created-without-device
# cpu: clean
# needs: torch

import math

import torch
import torch.nn as nn


def linear_ramp_mask(low, high, dim, device, dtype=torch.float32):
    if low == high:
        high += 0.001
    ramp = (torch.arange(dim, dtype=dtype, device=device) - low) / (high - low)
    return ramp.clamp(0, 1)


def correction_range(dim, base, max_pos, fast=32, slow=1):
    def find(rot):
        return dim * math.log(max_pos / (rot * 2 * math.pi)) / (2 * math.log(base))
    return max(math.floor(find(fast)), 0), min(math.ceil(find(slow)), dim - 1)


class ScaledRotary(nn.Module):
    def __init__(self, head_dim, max_pos=1024, base=10000, factor=2.0):
        super().__init__()
        self.head_dim, self.max_pos, self.base, self.factor = head_dim, max_pos, base, factor

    def inv_freq(self, device):
        pos_freqs = self.base ** (torch.arange(0, self.head_dim, 2, device=device).float() / self.head_dim)
        low, high = correction_range(self.head_dim, self.base, self.max_pos)
        keep = 1 - linear_ramp_mask(low, high, self.head_dim // 2, device)
        return (1.0 / (self.factor * pos_freqs)) * (1 - keep) + (1.0 / pos_freqs) * keep

    def forward(self, positions, q):
        freqs = positions.float()[:, None] * self.inv_freq(q.device)[None, :]
        cos, sin = freqs.cos(), freqs.sin()
        q1, q2 = q[..., ::2], q[..., 1::2]
        return torch.stack((q1 * cos - q2 * sin, q1 * sin + q2 * cos), dim=-1).flatten(-2)


def strongest_frequencies(rope, k=4):
    weights = rope.inv_freq(torch.device("cpu"))
    order = torch.arange(weights.numel())
    return order[weights.argsort(descending=True)[:k]].tolist()


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rope = ScaledRotary(64)
    out = rope(torch.arange(8, device=dev), torch.randn(8, 64, device=dev))
    scores = out.norm(dim=-1).cpu()
    top_rows = torch.arange(scores.numel())[scores > scores.mean()]
    print(out.shape, top_rows.tolist(), strongest_frequencies(rope))
