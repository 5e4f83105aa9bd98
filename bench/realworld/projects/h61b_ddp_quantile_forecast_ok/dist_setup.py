# source: https://github.com/pytorch/pytorch/issues/112658
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""Process-group bootstrap shared by every distributed entry point of the project."""
import os

import torch
import torch.distributed as dist


def init_distributed():
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    torch.cuda.set_device(local_rank)
    dist.init_process_group(backend="nccl")
    return dist.get_rank(), dist.get_world_size(), local_rank


def is_main():
    return not dist.is_initialized() or dist.get_rank() == 0


def cleanup():
    if dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
