# source: https://github.com/bigscience-workshop/petals/pull/574
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# bug-lines: 24, 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Measure how many decode steps per second this server's block can do."""
import time

import torch

from block import BlockConfig, DecoderBlock
from kv_cache import cache_nbytes, empty_past


def get_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


@torch.inference_mode()
def measure_compute_rps(cfg, device, dtype, n_steps=100, n_warmup=5):
    block = DecoderBlock(cfg).to(device=device, dtype=dtype).eval()
    cache = empty_past(cfg.num_heads, cfg.hidden_size // cfg.num_heads, dtype=dtype)
    step = torch.randn(1, 1, cfg.hidden_size, device=device, dtype=dtype)
    elapsed = 0.0
    for i in range(n_warmup + n_steps):
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        start = time.perf_counter()
        _, cache = block(step, layer_past=cache)
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        if i >= n_warmup:
            elapsed += time.perf_counter() - start
    print(f"kv cache after {n_warmup + n_steps} steps: {cache_nbytes(cache) / 2**20:.1f} MiB")
    return n_steps / elapsed


if __name__ == "__main__":
    device = get_device()
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    rps = measure_compute_rps(BlockConfig(), device, dtype)
    print(f"inference throughput: {rps:.1f} steps/s on {device}")
