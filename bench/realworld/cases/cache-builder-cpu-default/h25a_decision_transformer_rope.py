# source: https://github.com/huggingface/transformers/issues/32312 https://github.com/huggingface/transformers/issues/43350
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 21, 31
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class RotaryEmbedding(nn.Module):
    def __init__(self, head_dim, max_tokens=64, base=10000.0):
        super().__init__()
        inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2).float() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self._build_cache(max_tokens)

    def _build_cache(self, seq_len, device=torch.device("cpu")):
        self.max_cached = seq_len
        t = torch.arange(seq_len, device=device, dtype=torch.float32)
        freqs = torch.outer(t, self.inv_freq.to(device))
        emb = torch.cat([freqs, freqs], dim=-1)
        self.register_buffer("cos_cached", emb.cos(), persistent=False)
        self.register_buffer("sin_cached", emb.sin(), persistent=False)

    def forward(self, seq_len):
        if seq_len > self.max_cached:
            self._build_cache(seq_len)
        return self.cos_cached[:seq_len], self.sin_cached[:seq_len]


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([-x2, x1], dim=-1)


class CausalBlock(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, d_model // n_heads
        self.qkv, self.proj = nn.Linear(d_model, 3 * d_model), nn.Linear(d_model, d_model)
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))
        self.rope = RotaryEmbedding(self.head_dim)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        cos, sin = self.rope(t)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        att = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(att.transpose(1, 2).reshape(b, t, d))
        return x + self.mlp(self.ln2(x))


class DecisionTransformer(nn.Module):
    def __init__(self, state_dim, act_dim, d_model=128, n_layers=3, n_heads=4):
        super().__init__()
        self.embed_rtg, self.embed_state = nn.Linear(1, d_model), nn.Linear(state_dim, d_model)
        self.embed_action, self.predict_action = nn.Linear(act_dim, d_model), nn.Linear(d_model, act_dim)
        self.blocks = nn.ModuleList(CausalBlock(d_model, n_heads) for _ in range(n_layers))

    def forward(self, rtg, states, actions):
        b, k, _ = states.shape
        tokens = torch.stack([self.embed_rtg(rtg), self.embed_state(states), self.embed_action(actions)], 2)
        tokens = tokens.reshape(b, 3 * k, -1)  # (rtg, s, a) interleaved; trained with K=20
        for block in self.blocks:
            tokens = block(tokens)
        return torch.tanh(self.predict_action(tokens.reshape(b, k, 3, -1)[:, :, 1]))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = DecisionTransformer(state_dim=17, act_dim=6).to(device).eval()
    K = 30  # long-horizon evaluation context: 3 * 30 = 90 tokens
    rtg, states = torch.full((1, K, 1), 3600.0, device=device), torch.randn(1, K, 17, device=device)
    print(model(rtg, states, torch.zeros(1, K, 6, device=device))[:, -1].detach())
