# source: https://github.com/ludwig-ai/ludwig/pull/3566
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run

import os
from typing import Optional

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class DDPStrategy:
    """Thin wrapper around torch.distributed used by the Trainer."""

    def __init__(self, backend: str = "nccl"):
        dist.init_process_group(backend=backend)
        self.local_rank = int(os.environ.get("LOCAL_RANK", 0))
        torch.cuda.set_device(self.local_rank)
        self.device = torch.device("cuda", self.local_rank)

    def rank(self) -> int:
        return dist.get_rank()

    def size(self) -> int:
        return dist.get_world_size()

    def is_coordinator(self) -> bool:
        return self.rank() == 0

    def prepare(self, model: nn.Module) -> nn.Module:
        return DDP(model, device_ids=[self.local_rank], output_device=self.local_rank)

    def to_device(self, model: nn.Module, device: Optional[torch.device] = None) -> nn.Module:
        # DDP already owns device placement
        return model

    def allreduce_mean(self, value: torch.Tensor) -> torch.Tensor:
        dist.all_reduce(value, op=dist.ReduceOp.SUM)
        return value / self.size()

    def shutdown(self):
        dist.barrier()
        dist.destroy_process_group()
