# source: https://github.com/kefirski/pytorch_Highway/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, helper, class
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

from h54a_blocks import DefectHead, make_stage


class MultiScaleDefectNet(nn.Module):
    def __init__(self, widths=(32, 64, 128, 256), depths=(1, 2, 2, 2)):
        super().__init__()
        stages, heads = [], []
        cin = 3
        for width, depth in zip(widths, depths):
            stages.append(make_stage(cin, width, depth))
            heads.append(DefectHead(width))
            cin = width
        self.stages = nn.ModuleList(stages)
        self.heads = nn.ModuleList(heads)
        self.fuse = nn.Conv2d(len(widths), 1, 1)

    def forward(self, x):
        size = x.shape[-2:]
        maps = []
        for stage, head in zip(self.stages, self.heads):
            x = stage(x)
            maps.append(F.interpolate(head(x), size=size, mode="bilinear", align_corners=False))
        return self.fuse(torch.cat(maps, dim=1))
