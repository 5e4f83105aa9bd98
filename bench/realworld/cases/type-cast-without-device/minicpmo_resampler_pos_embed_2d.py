# source: https://github.com/vllm-project/vllm/pull/43194
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, xpu:0 and cpu!
# pattern: type-cast-without-device
# shape: class, helper
# bug-lines: 28, 33
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn


def sincos_table(h, w, dim):
    ys = torch.arange(h, dtype=torch.float32)[:, None].expand(h, w)
    xs = torch.arange(w, dtype=torch.float32)[None, :].expand(h, w)
    freqs = torch.linspace(0, 1, dim // 4)
    return torch.cat([ys[..., None].sin() * freqs, ys[..., None].cos() * freqs,
                      xs[..., None].sin() * freqs, xs[..., None].cos() * freqs], dim=-1)


class Resampler4_5(nn.Module):
    def __init__(self, dim=32, heads=4, num_queries=6):
        super().__init__()
        self.query = nn.Parameter(torch.randn(num_queries, dim))
        self.k_proj = nn.Linear(dim, dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.pos_cache = sincos_table(20, 20, dim)

    def pos_for(self, tgt_sizes, dtype):
        rows = []
        for h, w in tgt_sizes:
            rows.append(self.pos_cache[:h, :w].reshape(h * w, -1).to(dtype))
        return torch.nn.utils.rnn.pad_sequence(rows, batch_first=True)

    def forward(self, x, tgt_sizes):
        pos_embed_2d = self.pos_for(tgt_sizes, x.dtype)
        k = self.k_proj(x) + pos_embed_2d
        q = self.query.unsqueeze(0).expand(x.shape[0], -1, -1)
        out, _ = self.attn(q, k, x)
        return out


def encode_images(resampler, vision_feats, tgt_sizes):
    return resampler(vision_feats, tgt_sizes)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--dtype", default="float32")
    args = parser.parse_args()
    dtype = getattr(torch, args.dtype)
    resampler = Resampler4_5().to(device=args.device, dtype=dtype).eval()
    feats = torch.randn(2, 9, 32, device=args.device, dtype=dtype)
    with torch.no_grad():
        print(encode_images(resampler, feats, [(3, 3), (3, 3)]).shape)
