# Runnable companion of good.py for the runtime check (docs/runtime.md): the fix on
# record, moving the model to the rank's device before DDP wraps it; and a
# DataParallel wrapper moved before its first call, which good.py keeps silent. Runs
# clean under simulated CUDA.
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
    model = Net().to(rank)
    model = DDP(model, device_ids=[rank])
    x = torch.randn(4, 10, device=rank)
    model(x).sum().backward()
    dist.destroy_process_group()


def data_parallel():
    gpus = list(range(torch.cuda.device_count()))
    model = nn.DataParallel(Net(), device_ids=gpus).to("cuda")
    return model(torch.randn(4, 10, device="cuda"))


if __name__ == "__main__":
    world_size = torch.cuda.device_count()
    mp.spawn(worker, args=(world_size,), nprocs=world_size)
    data_parallel()
