# source: https://github.com/facebookresearch/fairscale/issues/444
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop
# bug-lines: 42, 44, 49
# needs: torch
# cpu: no written where torch was not installed; not run
"""Launch: torchrun --nproc_per_node 4 train_fsdp.py --data sensors.npy"""
import argparse
import functools
import os

import torch
import torch.distributed as dist
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
from torch.distributed.fsdp.wrap import size_based_auto_wrap_policy

from data_utils import batch_to_gpu, make_loader
from model import SensorMAE


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch_size", type=int, default=32)
    args = parser.parse_args()

    dist.init_process_group("nccl")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    local_rank = int(os.environ["LOCAL_RANK"])
    device = torch.device("cuda", local_rank)

    model = SensorMAE().to(device)
    wrap_policy = functools.partial(size_based_auto_wrap_policy, min_num_params=1_000_000)
    model = FSDP(model, auto_wrap_policy=wrap_policy, device_id=device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
    loader = make_loader(args.data, args.batch_size, rank, world_size)

    for epoch in range(args.epochs):
        loader.sampler.set_epoch(epoch)
        running = torch.zeros((), device="cuda")
        for step, batch in enumerate(loader):
            batch = batch_to_gpu(batch)
            loss = model(batch["series"])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            running += loss.detach()
        dist.all_reduce(running)
        if rank == 0:
            print(f"epoch {epoch}: mean masked mse {running.item() / (world_size * (step + 1)):.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
