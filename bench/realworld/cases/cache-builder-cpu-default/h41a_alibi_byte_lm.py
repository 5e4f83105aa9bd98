# source: https://github.com/huggingface/transformers/pull/18087
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class
# bug-lines: 39, 56
# needs: torch
# cpu: no written where torch was not installed; not run
import math
import sys

import torch
import torch.nn as nn


def build_alibi_bias(n_heads, seq_len, dtype=torch.float32, device=torch.device("cpu")):
    start = 2 ** (-8.0 / n_heads)
    slopes = torch.tensor([start ** (i + 1) for i in range(n_heads)], device=device, dtype=dtype)
    pos = torch.arange(seq_len, device=device, dtype=dtype)
    rel = pos[None, :] - pos[:, None]
    bias = slopes[:, None, None] * rel[None, :, :]
    causal = torch.ones(seq_len, seq_len, device=device, dtype=torch.bool).tril()
    return bias.masked_fill(~causal, float("-inf"))


class AlibiBlock(nn.Module):
    def __init__(self, dim, n_heads):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, dim // n_heads
        self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x, alibi):
        B, T, C = x.shape
        qkv = self.qkv(self.ln1(x)).view(B, T, 3, self.n_heads, self.head_dim)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        scores = scores + alibi
        out = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
        x = x + self.proj(out)
        return x + self.mlp(self.ln2(x))


class AlibiByteLM(nn.Module):
    def __init__(self, dim=512, n_heads=8, n_layers=6, max_len=1024):
        super().__init__()
        self.n_heads, self.max_len = n_heads, max_len
        self.embed = nn.Embedding(256, dim)
        self.blocks = nn.ModuleList(AlibiBlock(dim, n_heads) for _ in range(n_layers))
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 256, bias=False)

    def forward(self, idx):
        h = self.embed(idx)
        alibi = build_alibi_bias(self.n_heads, idx.shape[1], dtype=h.dtype)
        for block in self.blocks:
            h = block(h, alibi)
        return self.head(self.norm(h))

    @torch.no_grad()
    def generate(self, idx, max_new_tokens=200, temperature=0.8, top_k=40):
        for _ in range(max_new_tokens):
            logits = self(idx[:, -self.max_len:])[:, -1] / temperature
            kth = torch.topk(logits, top_k).values[:, [-1]]
            logits = logits.masked_fill(logits < kth, float("-inf"))
            next_id = torch.multinomial(logits.softmax(-1), num_samples=1)
            idx = torch.cat([idx, next_id], dim=1)
        return idx


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = AlibiByteLM()
    model.load_state_dict(torch.load(sys.argv[1], map_location="cpu"))
    model = model.to(device).eval()
    prompt = torch.tensor([list(sys.argv[2].encode("utf-8"))], device=device)
    out = model.generate(prompt)
    print(bytes(out[0].tolist()).decode("utf-8", errors="replace"))
