# source: https://github.com/pytorch/pytorch/issues/14187
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop
# bug-lines: 39, 40
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-GPU training of the (2+1)D action classifier; launch with torchrun --nproc_per_node=N."""
import argparse
import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from clip_data import DecodedClipDataset
from video_net import R2Plus1DClassifier


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--train-csv", required=True)
    p.add_argument("--num-classes", type=int, default=101)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=16)
    args = p.parse_args()

    local_rank = int(os.environ["LOCAL_RANK"])
    dist.init_process_group(backend="nccl")
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    model = R2Plus1DClassifier(args.num_classes)
    model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    model = DDP(model, device_ids=[local_rank], output_device=local_rank)
    model = model.to(device)

    dataset = DecodedClipDataset(args.root, args.train_csv)
    sampler = DistributedSampler(dataset, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler, num_workers=8,
                        pin_memory=True, drop_last=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01 * dist.get_world_size(), momentum=0.9,
                                weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, args.epochs)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for step, batch in enumerate(loader):
            clips = batch["clip"].to(device, non_blocking=True)
            labels = batch["label"].to(device, non_blocking=True)
            loss = criterion(model(clips), labels)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if step % 50 == 0 and dist.get_rank() == 0:
                print(f"epoch {epoch} step {step}: loss {loss.item():.4f}")
        scheduler.step()
        if dist.get_rank() == 0:
            torch.save(model.module.state_dict(), f"r2plus1d_epoch{epoch}.pth")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
