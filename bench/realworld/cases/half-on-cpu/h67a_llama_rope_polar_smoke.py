# source: https://github.com/pytorch/pytorch/pull/192311
# error: NotImplementedError: "polar_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# bug-lines: 32, 65, 81
# needs: torch
# cpu: raises "\"polar_cpu\" not implemented for 'Half'"
"""Quick CPU smoke test of the LLaMA-style decoder before launching the fp16 GPU job."""
import argparse
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelArgs:
    dim: int = 256
    n_layers: int = 2
    n_heads: int = 4
    vocab_size: int = 1000
    max_seq_len: int = 128
    rope_theta: float = 10000.0
    dtype: torch.dtype = torch.float16


def precompute_freqs_cis(dim, end, theta=10000.0, dtype=torch.float32):
    freqs = 1.0 / (theta ** (torch.arange(0, dim, 2)[: dim // 2].to(dtype) / dim))
    t = torch.arange(end, dtype=dtype)
    freqs = torch.outer(t, freqs)
    return torch.polar(torch.ones_like(freqs), freqs)


def apply_rotary_emb(x, freqs_cis):
    x_ = torch.view_as_complex(x.float().reshape(*x.shape[:-1], -1, 2))
    freqs_cis = freqs_cis[: x.shape[1]].view(1, x.shape[1], 1, -1)
    return torch.view_as_real(x_ * freqs_cis).flatten(3).type_as(x)


class Attention(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.n_heads, self.head_dim = args.n_heads, args.dim // args.n_heads
        self.wqkv = nn.Linear(args.dim, 3 * args.dim, bias=False)
        self.wo = nn.Linear(args.dim, args.dim, bias=False)

    def forward(self, x, freqs_cis):
        B, T, _ = x.shape
        q, k, v = self.wqkv(x).view(B, T, 3, self.n_heads, self.head_dim).unbind(2)
        q, k = apply_rotary_emb(q, freqs_cis), apply_rotary_emb(k, freqs_cis)
        out = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2),
                                             v.transpose(1, 2), is_causal=True)
        return self.wo(out.transpose(1, 2).reshape(B, T, -1))


class Transformer(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.tok_embeddings = nn.Embedding(args.vocab_size, args.dim)
        self.layers = nn.ModuleList(Attention(args) for _ in range(args.n_layers))
        self.norm = nn.RMSNorm(args.dim)
        self.output = nn.Linear(args.dim, args.vocab_size, bias=False)
        head_dim = args.dim // args.n_heads
        freqs = precompute_freqs_cis(head_dim, args.max_seq_len * 2, args.rope_theta, args.dtype)
        self.register_buffer("freqs_cis", freqs, persistent=False)

    def forward(self, tokens):
        h = self.tok_embeddings(tokens)
        for layer in self.layers:
            h = h + layer(h, self.freqs_cis)
        return self.output(self.norm(h))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    cli = parser.parse_args()
    device = torch.device(cli.device)
    margs = ModelArgs()
    model = Transformer(margs).to(device=device, dtype=margs.dtype)
    tokens = torch.randint(0, margs.vocab_size, (2, 16), device=device)
    with torch.no_grad():
        logits = model(tokens)
    print("smoke test ok:", tuple(logits.shape), logits.dtype)


if __name__ == "__main__":
    main()
