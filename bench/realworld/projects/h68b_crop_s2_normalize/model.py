# source: https://github.com/torchgeo/torchgeo/issues/763
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small CNN that classifies 64x64 Sentinel-2 field patches into crop types."""
import torch.nn as nn

CROP_CLASSES = ["maize", "winter_wheat", "sugar_beet", "rapeseed", "grassland", "potato"]


def conv_block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True), nn.MaxPool2d(2))


class CropTypeNet(nn.Module):
    def __init__(self, in_channels=14, num_classes=len(CROP_CLASSES)):
        super().__init__()
        self.features = nn.Sequential(conv_block(in_channels, 32), conv_block(32, 64),
                                      conv_block(64, 128))
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.3),
                                  nn.Linear(128, num_classes))

    def forward(self, x):
        return self.head(self.features(x))
