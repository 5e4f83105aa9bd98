# source: https://github.com/pytorch/pytorch/pull/178684
# error: RuntimeError: expected self and mask to be on the same device, but got mask on cpu and self on cuda:0
# shape: helper
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn.functional as F


def make_attn_bias(query, key, attn_mask=None, is_causal=False):
    L, S = query.size(-2), key.size(-2)
    attn_bias = torch.zeros(L, S, dtype=query.dtype, device=query.device)
    if is_causal:
        temp_mask = torch.ones(L, S, dtype=torch.bool, device=query.device).tril(diagonal=0)
        attn_bias.masked_fill_(temp_mask.logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            attn_bias.masked_fill_(attn_mask.logical_not(), float("-inf"))
        else:
            attn_bias = attn_mask + attn_bias
    return attn_bias


def reference_sdpa(query, key, value, attn_mask=None, is_causal=False, scale=None):
    scale_factor = 1 / math.sqrt(query.size(-1)) if scale is None else scale
    attn_weight = query @ key.transpose(-2, -1) * scale_factor
    attn_weight = attn_weight + make_attn_bias(query, key, attn_mask, is_causal)
    return torch.softmax(attn_weight, dim=-1) @ value


def check(device, dtype=torch.float32):
    q = torch.randn(2, 4, 16, 32, device=device, dtype=dtype)
    k = torch.randn(2, 4, 16, 32, device=device, dtype=dtype)
    v = torch.randn(2, 4, 16, 32, device=device, dtype=dtype)
    ref = reference_sdpa(q, k, v, is_causal=True)
    out = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    torch.testing.assert_close(out, ref, atol=1e-4, rtol=1e-4)
    print(device, "matches")


if __name__ == "__main__":
    check("cpu")
    if torch.cuda.is_available():
        check("cuda")
