# source: https://github.com/facebookresearch/VMZ/issues/124
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cuda', index=0), device(type='cpu')}.
# pattern: module-added-after-placement
# shape: multi-file, loader-loop
# bug-lines: 39
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""torchrun --nproc_per_node=4 train.py --index train.csv --pretrained ms1m_r50.pth --finetune"""
import argparse
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from data import SpoofFrames
from model import build_backbone, param_groups, replace_head


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", required=True)
    parser.add_argument("--pretrained", default=None)
    parser.add_argument("--finetune", action="store_true")
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()

    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    model = build_backbone(args.pretrained)
    model.to(device)
    if args.finetune:
        model = replace_head(model, num_classes=2)
    optimizer = torch.optim.SGD(param_groups(model, 1e-3, 1e-2), momentum=0.9, weight_decay=5e-4)
    model = DDP(model, device_ids=[local_rank])

    ds = SpoofFrames(args.index)
    sampler = DistributedSampler(ds)
    loader = DataLoader(ds, batch_size=64, sampler=sampler, num_workers=8, pin_memory=True)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        for frames, labels in loader:
            frames = frames.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            loss = criterion(model(frames), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if local_rank == 0:
            print(f"epoch {epoch} loss {loss.item():.4f}")
            torch.save(model.module.state_dict(), f"liveness_r50_e{epoch}.pth")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
