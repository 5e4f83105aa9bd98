# source: https://github.com/BloodAxe/xView3-The-First-Place-Solution/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class ConvBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.act = nn.SiLU(inplace=True)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class VesselNet(nn.Module):
    """SAR chip classifier (VV/VH channels) shared by every CV fold."""

    def __init__(self, in_channels=2, num_classes=3, width=32):
        super().__init__()
        self.encoder = nn.Sequential(
            ConvBlock(in_channels, width),
            nn.MaxPool2d(2),
            ConvBlock(width, width * 2),
            nn.MaxPool2d(2),
            ConvBlock(width * 2, width * 4),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(width * 4, num_classes)

    def forward(self, x):
        feats = self.encoder(x).flatten(1)
        return self.head(feats)


def build_model(cfg):
    return VesselNet(
        in_channels=cfg["in_channels"],
        num_classes=cfg["num_classes"],
        width=cfg.get("width", 32),
    )
