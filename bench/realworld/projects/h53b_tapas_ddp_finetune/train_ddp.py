# source: https://github.com/OFA-Sys/OFA/issues/200
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [1], output_device 1, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 40, 41
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""torchrun --nproc_per_node=4 train_ddp.py --train wtq_train.jsonl --tables csv/"""
import argparse
import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from data import WTQDataset
from model import build_model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--tables", required=True)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=5e-5)
    args = parser.parse_args()

    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    device = torch.device("cuda", local_rank)

    dataset = WTQDataset(args.train, args.tables)
    sampler = DistributedSampler(dataset, shuffle=True)
    loader = DataLoader(dataset, batch_size=8, sampler=sampler, num_workers=4)

    model = build_model()
    model = DistributedDataParallel(model, device_ids=[local_rank], output_device=local_rank)
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            outputs = model(**batch)
            outputs.loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if local_rank == 0 and step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {outputs.loss.item():.4f}")
        if local_rank == 0:
            model.module.save_pretrained(f"tapas-wtq-epoch{epoch}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
