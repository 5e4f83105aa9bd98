# source: https://github.com/pytorch/pytorch/issues/39643 https://github.com/Lightning-AI/pytorch-lightning/pull/6838
# error: AssertionError: DistributedDataParallel's input module must be on the same type of devices, but input module parameters locate in {'cuda', 'cpu'}.
# pattern: module-added-after-placement
# shape: multi-file, helper
# cpu: no needs a NCCL process group and GPUs
# needs: torch
import torch.nn as nn


class SegHead(nn.Module):
    def __init__(self, in_ch=3, n_classes=5):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(in_ch, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU())
        self.body = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU())
        self.cls = nn.Conv2d(32, n_classes, 1)

    def forward(self, x):
        return self.cls(self.body(self.stem(x)))
