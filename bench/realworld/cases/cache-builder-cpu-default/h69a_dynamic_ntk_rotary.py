# source: https://github.com/huggingface/transformers/pull/35506
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 32, 41
# needs: torch
# cpu: no written where torch was not installed; not run
"""Dynamic-NTK rotary embedding for running a 4k-trained model on 32k-token documents."""
import torch
import torch.nn as nn


class DynamicNTKRotary(nn.Module):
    def __init__(self, dim, max_position_embeddings=4096, base=10000.0, scaling_factor=4.0):
        super().__init__()
        self.dim = dim
        self.base = base
        self.scaling_factor = scaling_factor
        self.original_max_seq_len = max_position_embeddings
        self.max_seq_len_cached = max_position_embeddings
        self.register_buffer("inv_freq", self._compute_inv_freq(base), persistent=False)

    def _compute_inv_freq(self, base, device=None):
        exponent = torch.arange(0, self.dim, 2, dtype=torch.int64, device=device).float() / self.dim
        return 1.0 / (base ** exponent)

    def _dynamic_frequency_update(self, seq_len):
        if seq_len <= self.max_seq_len_cached:
            return
        ratio = self.scaling_factor * seq_len / self.original_max_seq_len - (self.scaling_factor - 1)
        base = self.base * ratio ** (self.dim / (self.dim - 2))
        inv_freq = self._compute_inv_freq(base)
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.max_seq_len_cached = seq_len

    @torch.no_grad()
    def forward(self, x, position_ids):
        self._dynamic_frequency_update(int(position_ids.max()) + 1)
        inv = self.inv_freq[None, :, None].float().expand(position_ids.shape[0], -1, 1)
        pos = position_ids[:, None, :].float()
        freqs = (inv @ pos).transpose(1, 2)
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos().to(x.dtype), emb.sin().to(x.dtype)


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary(q, k, cos, sin):
    cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
    return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin


if __name__ == "__main__":
    device = torch.device("cuda")
    rope = DynamicNTKRotary(dim=128).to(device)
    for seq_len in (2048, 32768):  # short chat turn, then a long report
        q = torch.randn(1, 32, seq_len, 128, device=device, dtype=torch.bfloat16)
        pos = torch.arange(seq_len, device=device)[None]
        cos, sin = rope(q, pos)
        q_rot, k_rot = apply_rotary(q, q, cos, sin)
        print(seq_len, q_rot.shape)
