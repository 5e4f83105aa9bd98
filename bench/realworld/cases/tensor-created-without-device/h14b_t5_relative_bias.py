# source: https://github.com/pytorch/text/pull/1944 https://github.com/pytorch/text/pull/2007
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 42, 43, 46
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn.functional as F
from torch import nn


class T5Attention(nn.Module):
    def __init__(self, d_model=512, n_heads=8, is_decoder=False, has_relative_bias=False, num_buckets=32, max_distance=128):
        super().__init__()
        self.n_heads, self.d_head = n_heads, d_model // n_heads
        self.is_decoder, self.num_buckets, self.max_distance = is_decoder, num_buckets, max_distance
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=False)
        self.o = nn.Linear(d_model, d_model, bias=False)
        self.relative_attention_bias = nn.Embedding(num_buckets, n_heads) if has_relative_bias else None

    @staticmethod
    def _relative_position_bucket(relative_position, bidirectional, num_buckets, max_distance):
        buckets = torch.zeros_like(relative_position)
        if bidirectional:
            num_buckets //= 2
            buckets += (relative_position > 0).long() * num_buckets
            relative_position = relative_position.abs()
        else:
            relative_position = -torch.clamp(relative_position, max=0)
        max_exact = num_buckets // 2
        is_small = relative_position < max_exact
        large = max_exact + (torch.log(relative_position.float() / max_exact + 1e-6)
                             / math.log(max_distance / max_exact) * (num_buckets - max_exact)).long()
        large = torch.clamp(large, max=num_buckets - 1)
        return buckets + torch.where(is_small, relative_position, large)

    def _compute_bias(self, query_length, key_length):
        context_position = torch.arange(query_length, dtype=torch.long)[:, None]
        memory_position = torch.arange(key_length, dtype=torch.long)[None, :]
        bucket = self._relative_position_bucket(
            memory_position - context_position, not self.is_decoder, self.num_buckets, self.max_distance)
        values = self.relative_attention_bias(bucket)  # (q, k, heads)
        return values.permute(2, 0, 1).unsqueeze(0)

    def forward(self, x, mask=None, position_bias=None):
        b, n, _ = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.n_heads, self.d_head).permute(2, 0, 3, 1, 4)
        if position_bias is None:
            position_bias = self._compute_bias(n, n)
            if mask is not None:
                position_bias = position_bias + (1.0 - mask[:, None, None, :].float()) * -1e9
        scores = q @ k.transpose(-1, -2) + position_bias
        out = F.softmax(scores.float(), dim=-1).type_as(scores) @ v
        return self.o(out.transpose(1, 2).reshape(b, n, -1)), position_bias


class T5Encoder(nn.Module):
    def __init__(self, vocab=32128, d_model=512, n_layers=6):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.layers = nn.ModuleList([T5Attention(d_model, has_relative_bias=(i == 0)) for i in range(n_layers)])

    def forward(self, input_ids, attention_mask):
        h, bias = self.embed(input_ids), None
        for layer in self.layers:
            out, bias = layer(h, attention_mask, bias)
            h = h + out
        return h


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = T5Encoder().to(device).eval()
    input_ids = torch.randint(0, 32128, (2, 64), device=device)
    with torch.no_grad():
        print(model(input_ids, torch.ones_like(input_ids)).shape)
