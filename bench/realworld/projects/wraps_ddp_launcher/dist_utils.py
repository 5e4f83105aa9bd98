# source: https://github.com/pytorch/pytorch/issues/100243
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: helper
# bug-lines: 36
# cpu: no library module (run train_ddp.py)
# needs: torch
import os

import torch
import torch.distributed as dist

LOCAL_RANK = int(os.environ.get("LOCAL_RANK", 0))


def setup_distributed():
    # torchrun / `python -m torch.distributed.launch --use-env` set these; defaults allow one process
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29547")
    os.environ.setdefault("RANK", "0")
    os.environ.setdefault("WORLD_SIZE", "1")
    if torch.cuda.is_available():
        torch.cuda.set_device(LOCAL_RANK)
        dist.init_process_group("nccl")
        return torch.device("cuda", LOCAL_RANK)
    dist.init_process_group("gloo")
    return torch.device("cpu")


def is_main_process():
    return not dist.is_initialized() or dist.get_rank() == 0


def wrap_ddp(model):
    if dist.is_initialized():
        model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[LOCAL_RANK], output_device=LOCAL_RANK)
    return model


def cleanup():
    if dist.is_initialized():
        dist.destroy_process_group()
