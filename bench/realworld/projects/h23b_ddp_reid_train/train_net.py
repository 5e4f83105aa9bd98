# source: https://github.com/facebookresearch/detectron2/issues/5146 https://github.com/meta-pytorch/tnt/pull/398
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file
# bug-lines: 38, 39
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from engine import do_train
from model import build_model


def build_train_loader(cfg, world_size, rank):
    from market1501 import Market1501  # project-local dataset
    dataset = Market1501(cfg["data_root"], split="train")
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True)
    return DataLoader(dataset, batch_size=cfg["ims_per_batch"] // world_size, sampler=sampler,
                      num_workers=4, pin_memory=True, drop_last=True)


def main():
    cfg = {"num_ids": 751, "data_root": "datasets/market1501", "ims_per_batch": 64,
           "base_lr": 3.5e-4, "epochs": 60}
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    world_size = int(os.environ.get("WORLD_SIZE", 1))
    dist.init_process_group(backend="nccl")
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    model = build_model(cfg)
    model = DistributedDataParallel(model, device_ids=[local_rank], broadcast_buffers=False)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["base_lr"], weight_decay=5e-4)

    loader = build_train_loader(cfg, world_size, dist.get_rank())
    do_train(model, loader, optimizer, device, cfg["epochs"], rank=dist.get_rank())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
