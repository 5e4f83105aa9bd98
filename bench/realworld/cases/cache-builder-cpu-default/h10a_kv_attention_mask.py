# source: https://github.com/InfiniTensor/llaisys/pull/11
# error: RuntimeError: expected self and mask to be on the same device, but got mask on cpu and self on cuda:0
# pattern: cache-builder-cpu-default
# shape: helper
# bug-lines: 16, 27, 28
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import math

import torch


def build_causal_mask(q_len, kv_len, device=None):
    # queries are the last q_len positions of a kv cache holding kv_len entries
    return torch.ones(q_len, kv_len, dtype=torch.bool, device=device).tril(diagonal=kv_len - q_len)


def torch_self_attention(attn_val, query, key, value, scale):
    # query: (L, H, D) ; key/value: (S, KVH, D) -> grouped-query attention over the cache
    query = query.transpose(0, 1)
    key = key.transpose(0, 1)
    value = value.transpose(0, 1)
    L, S = query.size(-2), key.size(-2)
    attn_bias = torch.zeros(L, S, dtype=query.dtype, device=query.device)

    temp_mask = build_causal_mask(L, S)
    attn_bias.masked_fill_(temp_mask.logical_not(), float("-inf"))

    rep = query.size(0) // key.size(0)
    key = key.repeat_interleave(rep, dim=0)
    value = value.repeat_interleave(rep, dim=0)
    attn_weight = query @ key.transpose(-2, -1) * scale + attn_bias
    attn_weight = torch.softmax(attn_weight, dim=-1)
    attn_val.copy_((attn_weight @ value).transpose(0, 1))


def test_self_attention(qlen, kvlen, nh, nkvh, hd, device, dtype=torch.float32):
    q = torch.randn(qlen, nh, hd, device=device, dtype=dtype)
    k = torch.randn(kvlen, nkvh, hd, device=device, dtype=dtype)
    v = torch.randn(kvlen, nkvh, hd, device=device, dtype=dtype)
    out = torch.empty(qlen, nh, hd, device=device, dtype=dtype)
    torch_self_attention(out, q, k, v, 1.0 / math.sqrt(hd))
    assert torch.isfinite(out).all()
    print(f"qlen={qlen} kvlen={kvlen} nh={nh} nkvh={nkvh} hd={hd}: ok")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda", choices=["cpu", "cuda"])
    args = parser.parse_args()
    for qlen, kvlen in [(2, 2), (5, 11)]:
        test_self_attention(qlen, kvlen, nh=4, nkvh=2, hd=8, device=args.device)
