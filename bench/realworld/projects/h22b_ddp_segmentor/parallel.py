# source: https://github.com/SegmentationBLWX/cssegmentation/issues/1 https://github.com/pytorch/pytorch/pull/17129
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: helper, multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Helpers that wrap models and loaders for distributed training."""
import torch.distributed as dist
import torch.nn as nn
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def build_distributed_model(model, model_cfg):
    """Wrap `model` with DistributedDataParallel using the given kwargs."""
    if model_cfg.pop("sync_bn", False):
        model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    return nn.parallel.DistributedDataParallel(model, **model_cfg)


def build_distributed_loader(dataset, batch_size, num_workers=4, shuffle=True):
    sampler = DistributedSampler(
        dataset,
        num_replicas=dist.get_world_size(),
        rank=dist.get_rank(),
        shuffle=shuffle,
    )
    return DataLoader(
        dataset,
        batch_size=batch_size,
        sampler=sampler,
        num_workers=num_workers,
        pin_memory=True,
        drop_last=True,
    )
