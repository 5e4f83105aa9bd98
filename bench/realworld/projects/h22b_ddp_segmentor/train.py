# source: https://github.com/SegmentationBLWX/cssegmentation/issues/1 https://github.com/pytorch/pytorch/pull/17129
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: helper, multi-file, loader-loop, batch-dict
# bug-lines: 36, 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""torchrun --nproc_per_node=4 train.py"""
import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.utils.data import Dataset

from parallel import build_distributed_loader, build_distributed_model
from segmentor import TinySegmentor


class RandomSegDataset(Dataset):
    def __len__(self):
        return 512

    def __getitem__(self, idx):
        return {"image": torch.randn(3, 256, 256), "seg_target": torch.randint(0, 21, (256, 256))}


def main():
    local_rank = int(os.environ["LOCAL_RANK"])
    dist.init_process_group(backend="nccl")
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    segmentor = TinySegmentor(num_classes=21)
    parallel_cfg = {"device_ids": [local_rank], "output_device": local_rank, "sync_bn": True}
    segmentor = build_distributed_model(segmentor, parallel_cfg)
    segmentor.to(device)

    loader = build_distributed_loader(RandomSegDataset(), batch_size=8)
    optimizer = torch.optim.SGD(segmentor.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss(ignore_index=255)
    for epoch in range(10):
        loader.sampler.set_epoch(epoch)
        for batch in loader:
            images = batch["image"].to(device, non_blocking=True)
            targets = batch["seg_target"].to(device, non_blocking=True)
            loss = criterion(segmentor(images), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if local_rank == 0:
            print(f"epoch {epoch} loss {loss.item():.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
