# source: https://github.com/bigscience-workshop/petals/pull/574
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Key/value cache helpers for incremental decoding with a single transformer block."""
import torch


def empty_past(num_heads, head_dim, batch_size=1, dtype=torch.float32, device=None):
    """A zero-length past: the first decode step concatenates onto it."""
    shape = (batch_size, num_heads, 0, head_dim)
    key = torch.zeros(shape, dtype=dtype, device=device)
    value = torch.zeros(shape, dtype=dtype, device=device)
    return key, value


def append_past(past, key, value, max_length=None):
    past_key, past_value = past
    key = torch.cat([past_key, key], dim=2)
    value = torch.cat([past_value, value], dim=2)
    if max_length is not None and key.shape[2] > max_length:
        key, value = key[:, :, -max_length:], value[:, :, -max_length:]
    return key, value


def cache_nbytes(past):
    return sum(t.numel() * t.element_size() for t in past)


def reorder_past(past, beam_idx):
    return tuple(t.index_select(0, beam_idx.to(t.device)) for t in past)
