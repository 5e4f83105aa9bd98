# source: https://github.com/Daniil-Osokin/lightweight-human-pose-estimation.pytorch/issues/208 https://github.com/microsoft/Cream/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file
# cpu: clean
# needs: torch
import torch.nn as nn


class PoseNet(nn.Module):
    def __init__(self, num_heatmaps=19, num_pafs=38):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16), nn.ReLU(inplace=True),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
        )
        self.heatmaps = nn.Conv2d(32, num_heatmaps, 1)
        self.pafs = nn.Conv2d(32, num_pafs, 1)

    def forward(self, x):
        feat = self.backbone(x)
        return self.heatmaps(feat), self.pafs(feat)


def build_model(cfg):
    return PoseNet(cfg.get("num_heatmaps", 19), cfg.get("num_pafs", 38))
