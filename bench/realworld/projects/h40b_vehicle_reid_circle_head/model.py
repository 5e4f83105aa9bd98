# source: https://github.com/Xiangyu-CAS/AICity2020-VOC-ReID/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""ReID baseline: ResNet-50 backbone, GeM pooling and a BNNeck."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import resnet50


class GeM(nn.Module):
    def __init__(self, p=3.0, eps=1e-6):
        super().__init__()
        self.p = nn.Parameter(torch.ones(1) * p)
        self.eps = eps

    def forward(self, x):
        return F.avg_pool2d(x.clamp(min=self.eps).pow(self.p), x.shape[-2:]).pow(1.0 / self.p)


class Baseline(nn.Module):
    in_planes = 2048

    def __init__(self):
        super().__init__()
        r = resnet50()
        r.layer4[0].conv2.stride = (1, 1)
        r.layer4[0].downsample[0].stride = (1, 1)
        self.base = nn.Sequential(*list(r.children())[:-2])
        self.pool = GeM()
        self.bottleneck = nn.BatchNorm1d(self.in_planes)
        self.bottleneck.bias.requires_grad_(False)

    def forward(self, x):
        global_feat = self.pool(self.base(x)).flatten(1)
        bn_feat = self.bottleneck(global_feat)
        return global_feat, bn_feat
