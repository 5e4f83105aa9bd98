# source: https://github.com/XiandaGuo/OpenStereo/issues/278
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Tiny model registry: cfg['MODEL']['NAME'] -> stereo network."""
import torch
import torch.nn as nn
import torch.nn.functional as F

_REGISTRY = {}


def register(name):
    def wrap(cls):
        _REGISTRY[name] = cls
        return cls
    return wrap


@register("CFNetLite")
class CFNetLite(nn.Module):
    def __init__(self, max_disp=192, base=32):
        super().__init__()
        self.max_disp = max_disp
        self.feature = nn.Sequential(
            nn.Conv2d(3, base, 3, 2, 1), nn.BatchNorm2d(base), nn.ReLU(inplace=True),
            nn.Conv2d(base, base, 3, 2, 1), nn.BatchNorm2d(base), nn.ReLU(inplace=True),
        )
        self.aggregate = nn.Sequential(
            nn.Conv3d(1, 8, 3, 1, 1), nn.BatchNorm3d(8), nn.ReLU(inplace=True),
            nn.Conv3d(8, 1, 3, 1, 1),
        )

    def forward(self, left, right):
        fl, fr = self.feature(left), self.feature(right)
        d = self.max_disp // 4
        cost = fl.new_zeros(fl.size(0), 1, d, fl.size(2), fl.size(3))
        for i in range(d):
            cost[:, 0, i, :, i:] = (fl[..., i:] * fr[..., : fr.size(3) - i]).mean(1)
        prob = F.softmax(self.aggregate(cost).squeeze(1), dim=1)
        disp = torch.arange(d, device=prob.device, dtype=prob.dtype).view(1, d, 1, 1)
        disp = (prob * disp).sum(1, keepdim=True) * 4
        return F.interpolate(disp, size=left.shape[-2:], mode="bilinear", align_corners=False)


def build_network(model_cfg):
    name = model_cfg["NAME"]
    if name not in _REGISTRY:
        raise KeyError(f"unknown stereo model {name}")
    return _REGISTRY[name](**model_cfg.get("ARGS", {}))
