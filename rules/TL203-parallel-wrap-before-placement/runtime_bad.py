# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL203 --confirm rules/TL203-parallel-wrap-before-placement/runtime_bad.py
# The DDP shape of the rule, as torchrun or mp.spawn would run it on a GPU node: the
# model is wrapped while still on the CPU. Under simulated CUDA the NCCL group is a
# one-process group, and DDP refuses the module as on a GPU: "device_ids ... only work
# with single-device/multiple-device GPU modules or CPU modules, but got ... module
# parameters {device(type='cpu')}". (The DataParallel form fails only with two or more
# GPUs, where DataParallel does not move the module itself: --devices 2 confirms it.)
import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 10)

    def forward(self, x):
        return self.fc(x)


def worker(rank, world_size):
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29512")
    dist.init_process_group("nccl", rank=rank, world_size=world_size)
    torch.cuda.set_device(rank)
    model = Net()
    model = DDP(model, device_ids=[rank])  # expect: TL203:13 lines=32,31
    x = torch.randn(4, 10, device=rank)
    model(x).sum().backward()
    dist.destroy_process_group()


if __name__ == "__main__":
    world_size = torch.cuda.device_count()
    mp.spawn(worker, args=(world_size,), nprocs=world_size)
