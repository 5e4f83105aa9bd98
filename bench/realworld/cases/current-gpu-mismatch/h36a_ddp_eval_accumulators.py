# source: https://github.com/cfregly/ai-performance-engineering/pull/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 42, 43, 48
# needs: torch
# cpu: no written where torch was not installed; not run
"""Sharded evaluation of a frozen classifier, launched with
`torchrun --nnodes=2 --nproc_per_node=4 eval_ddp.py`."""
import argparse
import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def parse_args():
    p = argparse.ArgumentParser(description="distributed top-1 evaluation")
    p.add_argument("--backend", default="nccl", choices=["nccl", "gloo"])
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--num-samples", type=int, default=8192)
    return p.parse_args()


def init_distributed(backend):
    dist.init_process_group(backend=backend)
    local_rank = int(os.environ["LOCAL_RANK"])
    device = torch.device(f"cuda:{local_rank}")
    return dist.get_rank(), device


def build_model(device):
    model = nn.Sequential(nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 10))
    return model.to(device).eval()


@torch.no_grad()
def evaluate(model, loader, device):
    correct = torch.zeros((), device="cuda")
    seen = torch.zeros((), device="cuda")
    for feats, labels in loader:
        feats = feats.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        preds = model(feats).argmax(dim=1)
        correct += (preds == labels).sum()
        seen += labels.numel()
    dist.all_reduce(correct, op=dist.ReduceOp.SUM)
    dist.all_reduce(seen, op=dist.ReduceOp.SUM)
    return (correct / seen).item()


def main():
    args = parse_args()
    rank, device = init_distributed(args.backend)
    feats = torch.randn(args.num_samples, 128)
    labels = torch.randint(0, 10, (args.num_samples,))
    dataset = TensorDataset(feats, labels)
    sampler = DistributedSampler(dataset, shuffle=False)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler)
    model = build_model(device)
    acc = evaluate(model, loader, device)
    if rank == 0:
        print(f"top-1 accuracy over {args.num_samples} samples: {acc:.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
