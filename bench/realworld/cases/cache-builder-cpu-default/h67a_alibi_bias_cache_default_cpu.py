# source: https://github.com/aladdinpersson/Machine-Learning-Collection/issues/9
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class
# bug-lines: 47
# needs: torch
# cpu: clean
"""Decoder-only LM with ALiBi attention biases instead of learned positions."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def get_alibi_slopes(n_heads):
    def power_of_2(n):
        start = 2 ** (-(2 ** -(math.log2(n) - 3)))
        return [start * start ** i for i in range(n)]

    if math.log2(n_heads).is_integer():
        return power_of_2(n_heads)
    closest = 2 ** math.floor(math.log2(n_heads))
    return power_of_2(closest) + get_alibi_slopes(2 * closest)[0::2][: n_heads - closest]


def build_alibi_bias(n_heads, seq_len, device=torch.device("cpu"), dtype=torch.float32):
    """(n_heads, seq_len, seq_len) additive bias, future positions set to -inf."""
    slopes = torch.tensor(get_alibi_slopes(n_heads), device=device, dtype=dtype)
    pos = torch.arange(seq_len, device=device, dtype=dtype)
    rel = pos[None, :] - pos[:, None]
    bias = slopes[:, None, None] * rel[None]
    future = torch.triu(torch.ones(seq_len, seq_len, device=device, dtype=torch.bool), 1)
    return bias.masked_fill(future, float("-inf"))


class AlibiSelfAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, d_model // n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self._bias_cache = {}

    def _get_bias(self, seq_len):
        if seq_len not in self._bias_cache:
            self._bias_cache[seq_len] = build_alibi_bias(self.n_heads, seq_len)
        return self._bias_cache[seq_len]

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)
        scores = scores + self._get_bias(T)
        y = F.softmax(scores, dim=-1) @ v
        return self.proj(y.transpose(1, 2).reshape(B, T, C))


class AlibiLM(nn.Module):
    def __init__(self, vocab, d_model=192, n_heads=6, n_layers=3):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.attn = nn.ModuleList(AlibiSelfAttention(d_model, n_heads) for _ in range(n_layers))
        self.mlp = nn.ModuleList(nn.Sequential(nn.LayerNorm(d_model), nn.Linear(d_model, 4 * d_model),
                                               nn.GELU(), nn.Linear(4 * d_model, d_model))
                                 for _ in range(n_layers))
        self.norms = nn.ModuleList(nn.LayerNorm(d_model) for _ in range(n_layers))
        self.lm_head = nn.Linear(d_model, vocab, bias=False)

    def forward(self, idx):
        x = self.embed(idx)
        for norm, attn, mlp in zip(self.norms, self.attn, self.mlp):
            x = x + attn(norm(x))
            x = x + mlp(x)
        return self.lm_head(x)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = AlibiLM(vocab=4096).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for step in range(50):
        seq_len = 64 if step % 2 else 96
        batch = torch.randint(0, 4096, (8, seq_len + 1), device=device)
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), batch[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("final loss", loss.item())
