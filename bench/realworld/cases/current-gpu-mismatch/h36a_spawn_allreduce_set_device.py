# source: https://github.com/pytorch/pytorch/issues/50921
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


def init_distributed_world(rank, world_size, port=20000):
    assert world_size <= torch.cuda.device_count()
    torch.cuda.set_device(rank)
    dist.init_process_group(backend="nccl", init_method=f"tcp://localhost:{port}",
                            rank=rank, world_size=world_size)
    # warm-up collective: lands on the current device, which is now cuda:<rank>
    dist.all_reduce(torch.zeros([1]).cuda(), op=dist.ReduceOp.SUM)


def average_across_ranks(value, world_size):
    t = torch.tensor([value]).cuda()
    dist.all_reduce(t, op=dist.ReduceOp.SUM)
    return (t / world_size).item()


def local_worker(rank, world_size):
    init_distributed_world(rank, world_size)
    model = DDP(nn.Linear(32, 1).cuda(), device_ids=[rank])
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for step in range(100):
        x = torch.randn(64, 32).cuda()
        y = x.sum(dim=1, keepdim=True).cuda()
        loss = nn.functional.mse_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 20 == 0:
            avg = average_across_ranks(loss.item(), world_size)
            if rank == 0:
                print(f"step {step}: mean loss {avg:.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    os.environ.setdefault("NCCL_ASYNC_ERROR_HANDLING", "1")
    workers = torch.cuda.device_count()
    mp.spawn(local_worker, nprocs=workers, args=(workers,), join=True)
