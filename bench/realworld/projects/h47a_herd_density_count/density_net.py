# source: https://github.com/pxq0312/SFANet-crowd-counting/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Density-map regressor for counting wildebeest / zebra in aerial survey tiles."""
import torch.nn as nn
import torchvision


class HerdDensityNet(nn.Module):
    def __init__(self):
        super().__init__()
        vgg = torchvision.models.vgg16_bn(weights="IMAGENET1K_V1")
        self.frontend = nn.Sequential(*list(vgg.features.children())[:33])
        self.backend = nn.Sequential(
            nn.Conv2d(512, 256, 3, padding=2, dilation=2), nn.ReLU(inplace=True),
            nn.Conv2d(256, 128, 3, padding=2, dilation=2), nn.ReLU(inplace=True),
            nn.Conv2d(128, 64, 3, padding=2, dilation=2), nn.ReLU(inplace=True),
        )
        self.density = nn.Sequential(nn.Conv2d(64, 1, 1), nn.ReLU())

    def forward(self, tiles):
        return self.density(self.backend(self.frontend(tiles)))
