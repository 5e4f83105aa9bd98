import torch
from torch import float16


def eager_attention(query, key, value):
    attn_weights = torch.matmul(query, key.transpose(-1, -2))
    attn_weights = attn_weights.softmax(dim=-1)
    attn_weights = attn_weights.to(value.dtype)  # expect: TL103:33
    return torch.matmul(attn_weights, value)


def to_half(x):
    # `x` may be a module (its .type() casts integer buffers too): unsafe fix.
    return x.type(float16)  # expect: TL103:14


def to_target(x, target_dtype):
    # Known to be a dtype by its name only: the fix is unsafe.
    return x.type(target_dtype)  # expect: TL103:14
