# source: https://github.com/sacmehta/EdgeNets/issues/14
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Lightweight encoder-decoder segmentation network (ESPNet-like dilated blocks)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_act(cin, cout, stride=1, dilation=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.PReLU(cout),
    )


class EESPBlock(nn.Module):
    def __init__(self, channels, branches=4):
        super().__init__()
        self.reduce = nn.Conv2d(channels, channels // branches, 1, bias=False)
        self.branches = nn.ModuleList(
            conv_bn_act(channels // branches, channels // branches, dilation=d) for d in (1, 2, 4, 8)[:branches]
        )
        self.fuse = nn.Conv2d(channels, channels, 1, bias=False)

    def forward(self, x):
        r = self.reduce(x)
        out = [b(r) for b in self.branches]
        for i in range(1, len(out)):
            out[i] = out[i] + out[i - 1]
        return F.prelu(self.fuse(torch.cat(out, 1)) + x, torch.tensor([0.25], device=x.device))


class ESPSegNet(nn.Module):
    def __init__(self, num_classes=20, width=64):
        super().__init__()
        self.stem = conv_bn_act(3, width, stride=2)
        self.down1 = conv_bn_act(width, width * 2, stride=2)
        self.stage1 = nn.Sequential(EESPBlock(width * 2), EESPBlock(width * 2))
        self.down2 = conv_bn_act(width * 2, width * 4, stride=2)
        self.stage2 = nn.Sequential(*[EESPBlock(width * 4) for _ in range(3)])
        self.classifier = nn.Conv2d(width * 4, num_classes, 1)

    def forward(self, x):
        size = x.shape[-2:]
        x = self.stage2(self.down2(self.stage1(self.down1(self.stem(x)))))
        return F.interpolate(self.classifier(x), size=size, mode="bilinear", align_corners=False)
