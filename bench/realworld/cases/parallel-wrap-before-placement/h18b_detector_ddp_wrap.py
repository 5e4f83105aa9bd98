# source: https://github.com/skyhehe123/SA-SSD/issues/17
# error: RuntimeError: Tensors must be CUDA and dense
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 48
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse
import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


class BEVDetector(nn.Module):
    def __init__(self, in_ch=4, width=64):
        super().__init__()
        self.blocks = nn.Sequential(
            nn.Conv2d(in_ch, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, width, 3, stride=2, padding=1), nn.BatchNorm2d(width), nn.ReLU())
        self.cls_head = nn.Conv2d(width, 2, 1)
        self.reg_head = nn.Conv2d(width, 7, 1)

    def forward(self, bev):
        feat = self.blocks(bev)
        return self.cls_head(feat), self.reg_head(feat)


def build_detector(cfg):
    return BEVDetector(in_ch=cfg["in_channels"], width=cfg["width"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--local_rank", type=int, default=int(os.environ.get("LOCAL_RANK", 0)))
    args = parser.parse_args()

    dist.init_process_group(backend="nccl")
    torch.cuda.set_device(args.local_rank)
    cfg = {"in_channels": 4, "width": 64, "lr": 1e-3}

    model = build_detector(cfg)
    model = DistributedDataParallel(model).cuda()

    bev = torch.randn(256, 4, 200, 176)
    targets = torch.randint(0, 2, (256, 100, 88))
    dataset = TensorDataset(bev, targets)
    loader = DataLoader(dataset, batch_size=4, sampler=DistributedSampler(dataset))
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["lr"])

    for epoch in range(2):
        loader.sampler.set_epoch(epoch)
        for x, y in loader:
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            cls_logits, _ = model(x)
            loss = nn.functional.cross_entropy(cls_logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if dist.get_rank() == 0:
            print(f"epoch {epoch}: loss {loss.item():.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
