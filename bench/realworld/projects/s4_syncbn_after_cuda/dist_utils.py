# source: https://github.com/pytorch/pytorch/issues/39643 https://github.com/Lightning-AI/pytorch-lightning/pull/6838
# error: AssertionError: DistributedDataParallel's input module must be on the same type of devices, but input module parameters locate in {'cuda', 'cpu'}.
# pattern: module-added-after-placement
# shape: multi-file, helper
# bug-lines: 31, 35
# cpu: no needs a NCCL process group and GPUs
# needs: torch
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass
class DistConfig:
    dist_url: str = "tcp://127.0.0.1:23456"
    dist_backend: str = "nccl"
    world_size: int = 1
    rank: int = 0
    sync_bn: bool = True


def get_optimizer(model, lr=0.01):
    return torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=1e-4)


def model_parallel(model, gpu_ids, dist_config):
    torch.cuda.set_device(gpu_ids[0])
    model = model.cuda(gpu_ids[0])
    if dist_config.sync_bn:
        model = torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)
    optimizer = get_optimizer(model)
    dist.init_process_group(backend=dist_config.dist_backend, init_method=dist_config.dist_url,
                            world_size=dist_config.world_size, rank=dist_config.rank)
    model = torch.nn.parallel.DistributedDataParallel(
        model, device_ids=gpu_ids, find_unused_parameters=True)
    return model, optimizer
