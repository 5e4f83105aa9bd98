# source: https://github.com/bigscience-workshop/petals/pull/574
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""One decoder block, served on its own like a remote pipeline stage."""
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

from kv_cache import append_past


@dataclass
class BlockConfig:
    hidden_size: int = 4096
    num_heads: int = 32
    max_length: int = 2048


class DecoderBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.head_dim = cfg.hidden_size // cfg.num_heads
        self.ln_1 = nn.LayerNorm(cfg.hidden_size)
        self.qkv = nn.Linear(cfg.hidden_size, 3 * cfg.hidden_size)
        self.proj = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.ln_2 = nn.LayerNorm(cfg.hidden_size)
        self.mlp = nn.Sequential(nn.Linear(cfg.hidden_size, 4 * cfg.hidden_size), nn.GELU(),
                                 nn.Linear(4 * cfg.hidden_size, cfg.hidden_size))

    def _split(self, t):
        b, s, _ = t.shape
        return t.view(b, s, self.cfg.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, hidden, layer_past):
        q, k, v = self.qkv(self.ln_1(hidden)).chunk(3, dim=-1)
        q, k, v = self._split(q), self._split(k), self._split(v)
        k, v = append_past(layer_past, k, v, self.cfg.max_length)
        attn = F.scaled_dot_product_attention(q, k, v, is_causal=q.shape[2] > 1)
        attn = attn.transpose(1, 2).reshape(hidden.shape)
        hidden = hidden + self.proj(attn)
        hidden = hidden + self.mlp(self.ln_2(hidden))
        return hidden, (k, v)
