# source: https://github.com/whittle-org/whittle/pull/69
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 27, 50
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from rope import apply_rope, build_rope_cache


class ElasticAttention(nn.Module):
    def __init__(self, n_embd, n_head):
        super().__init__()
        self.n_head = n_head
        self.qkv = nn.Linear(n_embd, 3 * n_embd)
        self.proj = nn.Linear(n_embd, n_embd)

    def forward(self, x, cos, sin, sub_heads):
        B, T, C = x.shape
        head_size = C // self.n_head
        q, k, v = self.qkv(x).split(C, dim=2)
        q, k, v = (t.view(B, T, self.n_head, head_size).transpose(1, 2)[:, :sub_heads] for t in (q, k, v))
        q = apply_rope(q, cos, sin)
        k = apply_rope(k, cos, sin)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        y = F.pad(y, (0, 0, 0, 0, 0, self.n_head - sub_heads))
        return self.proj(y.transpose(1, 2).reshape(B, T, C))


class ElasticGPT(nn.Module):
    def __init__(self, vocab_size=50304, n_embd=768, n_head=12, n_layer=12, rotary_percentage=1.0):
        super().__init__()
        self.n_embd, self.n_head = n_embd, n_head
        self.rotary_percentage = rotary_percentage
        self.wte = nn.Embedding(vocab_size, n_embd)
        self.blocks = nn.ModuleList(ElasticAttention(n_embd, n_head) for _ in range(n_layer))
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.sub_network_num_heads = n_head

    def set_sub_network(self, num_heads):
        self.sub_network_num_heads = num_heads

    def forward(self, idx):
        T = idx.size(1)
        head_size = self.n_embd // self.n_head
        cos, sin = build_rope_cache(T, n_elem=int(self.rotary_percentage * head_size))
        x = self.wte(idx)
        for block in self.blocks:
            x = x + block(x, cos, sin, self.sub_network_num_heads)
        return self.lm_head(x)
