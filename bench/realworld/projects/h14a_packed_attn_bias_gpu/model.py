# source: https://github.com/mistralai/mistral-inference/issues/215 https://github.com/mistralai/mistral-inference/pull/216
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, n_heads, n_kv_heads, head_dim):
        super().__init__()
        self.n_heads, self.n_kv_heads, self.head_dim = n_heads, n_kv_heads, head_dim
        self.wq = nn.Linear(dim, n_heads * head_dim, bias=False)
        self.wk = nn.Linear(dim, n_kv_heads * head_dim, bias=False)
        self.wv = nn.Linear(dim, n_kv_heads * head_dim, bias=False)
        self.wo = nn.Linear(n_heads * head_dim, dim, bias=False)

    def forward(self, x, meta, cache, layer_id):
        n = x.shape[0]
        q = self.wq(x).view(n, self.n_heads, self.head_dim)
        cache.cache_k[layer_id, meta.cache_slots] = self.wk(x).view(n, self.n_kv_heads, self.head_dim)
        cache.cache_v[layer_id, meta.cache_slots] = self.wv(x).view(n, self.n_kv_heads, self.head_dim)
        k = cache.cache_k[layer_id, meta.kv_slots].repeat_interleave(self.n_heads // self.n_kv_heads, dim=1)
        v = cache.cache_v[layer_id, meta.kv_slots].repeat_interleave(self.n_heads // self.n_kv_heads, dim=1)
        scores = torch.einsum("qhd,khd->hqk", q, k) / self.head_dim ** 0.5
        scores = scores + meta.attn_bias
        out = torch.einsum("hqk,khd->qhd", scores.softmax(dim=-1), v)
        return x + self.wo(out.reshape(n, -1))


class Transformer(nn.Module):
    def __init__(self, vocab_size=32000, dim=1024, n_layers=4, n_heads=16, n_kv_heads=4, head_dim=64):
        super().__init__()
        self.n_kv_heads, self.head_dim = n_kv_heads, head_dim
        self.tok_embeddings = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(Attention(dim, n_heads, n_kv_heads, head_dim) for _ in range(n_layers))
        self.norm = nn.LayerNorm(dim)
        self.output = nn.Linear(dim, vocab_size, bias=False)

    @property
    def device(self):
        return self.tok_embeddings.weight.device

    def forward(self, tokens, seqlens, cache):
        meta = cache.get_input_metadata(seqlens)
        h = self.tok_embeddings(tokens)
        for layer_id, layer in enumerate(self.layers):
            h = layer(h, meta, cache, layer_id)
        return self.output(self.norm(h))
