# source: https://github.com/huggingface/transformers/pull/27931 https://github.com/huggingface/transformers/pull/29742
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class
# bug-lines: 41, 42, 46
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, dim, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.qkv = nn.Linear(dim, 3 * dim, bias=False)
        self.proj = nn.Linear(dim, dim, bias=False)

    def forward(self, x, mask):
        bsz, seq_len, dim = x.shape
        q, k, v = self.qkv(x).view(bsz, seq_len, 3, self.n_heads, -1).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        scores = scores + mask
        out = F.softmax(scores.float(), dim=-1).type_as(q) @ v
        return self.proj(out.transpose(1, 2).reshape(bsz, seq_len, dim))


class TinyDecoderLM(nn.Module):
    def __init__(self, vocab_size=32000, dim=512, n_layers=6, n_heads=8, max_position_embeddings=512):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(CausalSelfAttention(dim, n_heads) for _ in range(n_layers))
        self.norms = nn.ModuleList(nn.LayerNorm(dim) for _ in range(n_layers))
        self.lm_head = nn.Linear(dim, vocab_size, bias=False)
        self._build_causal_mask(max_position_embeddings)

    def _build_causal_mask(self, length):
        causal_mask = torch.full((length, length), fill_value=float("-inf"))
        self.register_buffer("causal_mask", torch.triu(causal_mask, diagonal=1), persistent=False)

    def _prepare_mask(self, attention_mask, seq_len):
        if seq_len > self.causal_mask.shape[-1]:
            self._build_causal_mask(2 * seq_len)
        mask = self.causal_mask[None, None, :seq_len, :seq_len]
        if attention_mask is not None:
            padding = attention_mask[:, None, None, :seq_len] == 0
            mask = mask.masked_fill(padding, float("-inf"))
        return mask

    def forward(self, input_ids, attention_mask=None):
        h = self.embed(input_ids)
        mask = self._prepare_mask(attention_mask, input_ids.shape[1])
        for attn, norm in zip(self.layers, self.norms):
            h = h + attn(norm(h), mask)
        return self.lm_head(h)


@torch.no_grad()
def greedy_generate(model, input_ids, max_new_tokens=64):
    for _ in range(max_new_tokens):
        logits = model(input_ids)
        next_id = logits[:, -1].argmax(-1, keepdim=True)
        input_ids = torch.cat([input_ids, next_id], dim=1)
    return input_ids


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyDecoderLM(max_position_embeddings=256).to(device).eval()
    prompt = torch.randint(0, 32000, (1, 240), device=device)
    print(greedy_generate(model, prompt, max_new_tokens=32).shape)
