# source: https://github.com/shibing624/MedicalGPT/issues/3
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, helper
# bug-lines: 28, 44
# needs: torch
# cpu: no written where torch was not installed; not run
"""torchrun --nproc_per_node=4 h54a_train_ddp.py --data /data/brats_npz"""
import argparse
import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from h54a_brats_data import BratsCrops
from h54a_vnet import LiteVNet


def build_model(args, local_rank):
    model = LiteVNet(in_ch=4, n_classes=4)
    if args.resume:
        model.load_state_dict(torch.load(args.resume, map_location="cpu"))
    model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    return DDP(model, device_ids=[local_rank], output_device=local_rank)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--resume", default=None)
    ap.add_argument("--epochs", type=int, default=300)
    args = ap.parse_args()

    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    model = build_model(args, local_rank)
    model.to(device)
    dataset = BratsCrops(args.data)
    sampler = DistributedSampler(dataset, shuffle=True)
    loader = DataLoader(dataset, batch_size=2, sampler=sampler, num_workers=4, pin_memory=True)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-4, weight_decay=1e-5)
    loss_fn = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            image = batch["image"].to(device, non_blocking=True)
            label = batch["label"].to(device, non_blocking=True)
            loss = loss_fn(model(image), label)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if local_rank == 0:
            print(f"epoch {epoch} loss {loss.item():.4f}")
            torch.save(model.module.state_dict(), "litevnet_last.pt")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
