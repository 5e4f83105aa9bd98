# source: https://github.com/xiaomi-research/diffrhythm2/issues/5
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: class, helper
# bug-lines: 65
# needs: torch
# cpu: no written where torch was not installed; not run
"""Flow-matching sampler that generates a latent sequence block by block."""
import math

import torch
import torch.nn as nn


def sinusoidal_embedding(t, dim, scale=1000.0):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, device=t.device) / half)
    args = scale * t[:, None] * freqs[None, :]
    return torch.cat([args.sin(), args.cos()], dim=-1)


class TimestepEmbedding(nn.Module):
    def __init__(self, dim, freq_dim=256):
        super().__init__()
        self.freq_dim = freq_dim
        self.mlp = nn.Sequential(nn.Linear(freq_dim, dim), nn.SiLU(), nn.Linear(dim, dim))

    def forward(self, t):
        return self.mlp(sinusoidal_embedding(t, self.freq_dim))


class TinyDiT(nn.Module):
    def __init__(self, latent_dim=64, dim=512, depth=6, heads=8):
        super().__init__()
        self.time_embed = TimestepEmbedding(dim)
        self.in_proj = nn.Linear(latent_dim * 2, dim)
        self.blocks = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(dim, heads, dim * 4, batch_first=True, norm_first=True), depth)
        self.out_proj = nn.Linear(dim, latent_dim)

    def forward(self, x, cond, time):
        t = self.time_embed(time)
        h = self.in_proj(torch.cat([x, cond], dim=-1)) + t[:, None, :]
        return self.out_proj(self.blocks(h))


class BlockFlowSampler:
    def __init__(self, ckpt_path, device="cuda"):
        self.device = device
        self.transformer = TinyDiT()
        self.transformer.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
        self.transformer = self.transformer.half().to(device).eval()
        self.dtype = torch.float16

    @torch.no_grad()
    def sample_block(self, cond, block_len, steps=32, cfg_strength=2.0):
        x = torch.randn(cond.shape[0], block_len, 64, device=self.device, dtype=self.dtype)
        null_cond = torch.zeros_like(cond)
        for i in range(steps):
            v = self._velocity(x, cond, null_cond, i / steps, cfg_strength)
            x = x + v / steps
        return x

    def _velocity(self, x, cond, null_cond, t, cfg_strength):
        time = torch.full((x.shape[0],), t, device=self.device)
        v_cond, v_null = self.transformer(x, cond, time), self.transformer(x, null_cond, time)
        return v_null + cfg_strength * (v_cond - v_null)

    @torch.no_grad()
    def sample(self, cond_seq, block_len=128):
        blocks = []
        for start in range(0, cond_seq.shape[1], block_len):
            cond = cond_seq[:, start:start + block_len].to(self.device, self.dtype)
            blocks.append(self.sample_block(cond, cond.shape[1]))
        return torch.cat(blocks, dim=1)


if __name__ == "__main__":
    latent = BlockFlowSampler("checkpoints/dit_fp32.pt").sample(torch.randn(1, 512, 64))
    print(latent.shape, latent.dtype)
