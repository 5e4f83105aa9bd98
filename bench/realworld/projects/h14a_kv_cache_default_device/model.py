# source: https://github.com/openai/gpt-oss/issues/271
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class ModelConfig:
    vocab_size: int = 32000
    hidden_size: int = 512
    num_hidden_layers: int = 4
    num_attention_heads: int = 8
    num_key_value_heads: int = 2
    head_dim: int = 64


class AttentionBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        qkv_dim = (cfg.num_attention_heads + 2 * cfg.num_key_value_heads) * cfg.head_dim
        self.norm = nn.RMSNorm(cfg.hidden_size, dtype=torch.bfloat16)
        self.qkv = nn.Linear(cfg.hidden_size, qkv_dim, dtype=torch.bfloat16)
        self.out = nn.Linear(cfg.num_attention_heads * cfg.head_dim, cfg.hidden_size, dtype=torch.bfloat16)

    def forward(self, x, cache):
        cfg, (b, t, _) = self.cfg, x.shape
        q, k, v = self.qkv(self.norm(x)).split(
            [cfg.num_attention_heads * cfg.head_dim, cfg.num_key_value_heads * cfg.head_dim,
             cfg.num_key_value_heads * cfg.head_dim], dim=-1)
        q = q.view(b, t, cfg.num_attention_heads, cfg.head_dim)
        k, v = cache.extend(k.view(b, t, -1, cfg.head_dim), v.view(b, t, -1, cfg.head_dim))
        rep = cfg.num_attention_heads // cfg.num_key_value_heads
        k, v = k.repeat_interleave(rep, dim=2), v.repeat_interleave(rep, dim=2)
        scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / cfg.head_dim ** 0.5
        n_k = k.shape[1]
        causal = torch.ones(t, n_k, dtype=torch.bool, device=scores.device).tril(n_k - t)
        attn = scores.masked_fill(~causal, float("-inf")).softmax(dim=-1)
        out = torch.einsum("bhqk,bkhd->bqhd", attn, v).reshape(b, t, -1)
        return x + self.out(out)


class Transformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.config = cfg
        self.embedding = nn.Embedding(cfg.vocab_size, cfg.hidden_size, dtype=torch.bfloat16)
        self.block = nn.ModuleList(AttentionBlock(cfg) for _ in range(cfg.num_hidden_layers))
        self.unembedding = nn.Linear(cfg.hidden_size, cfg.vocab_size, bias=False, dtype=torch.bfloat16)

    def forward(self, tokens, caches):
        x = self.embedding(tokens)
        for block, cache in zip(self.block, caches):
            x = block(x, cache)
        return self.unembedding(x)
